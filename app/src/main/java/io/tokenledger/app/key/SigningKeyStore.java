package io.tokenledger.app.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tokenledger.app.id.TimeOrderedIds;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Optional;

/**
 * The private halves of the signing keys, in {@code LEDGER_SIGNING_KEYS_DIR}: one JWK file per key ({@code <kid>.jwk}),
 * readable by its owner only. The database never sees them; the ledger records the public halves.
 */
@Component
public class SigningKeyStore {

    private final Path directory;

    public SigningKeyStore(SigningKeyProperties settings) {
        this.directory = settings.signingKeysDir().toAbsolutePath().normalize();
    }

    /** A new key pair for this algorithm, its private half written to the directory before anyone can use it. */
    public JWK generate(String algorithm) {
        String kid = TimeOrderedIds.next();
        try {
            JWK key = "ES256".equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256)
                                                     .keyUse(KeyUse.SIGNATURE).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256)
                                               .keyUse(KeyUse.SIGNATURE).generate();
            write(key);
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " signing key", e);
        }
    }

    /** The private key of this kid, if this node holds it. */
    public Optional<JWK> privateKey(String kid) {
        Path file = file(kid);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JWK.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " holds no JWK: " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    private void write(JWK key) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.writeString(Files.createFile(file(key.getKeyID()), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), key.toJSONString(), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key into " + directory, e);
        }
    }

    private Path file(String kid) {
        if (!kid.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("a kid names a file here: letters, digits and dashes only");
        }
        return directory.resolve(kid + ".jwk");
    }
}
