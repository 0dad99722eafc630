package io.tokenledger.projections.integrity.sealing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs anchors with an Ed25519 key (the JDK's own implementation) and checks them with its public half. The key
 * pair lives in a PEM file outside the database; its public key, published, lets anyone check an anchor. A signer
 * made from a public key alone only checks.
 */
public final class AnchorSigner {

    private static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AnchorSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = HexFormat.of().formatHex(Seals.sha256().digest(publicKey.getEncoded()), 0, 8);
    }

    /** The key pair in {@code file}, made and written there (readable by its owner only) when the file is absent. */
    public static AnchorSigner loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String pem = Files.readString(file);
            return new AnchorSigner(KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY"))), publicKey(pem));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the anchor signing key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold an Ed25519 key pair in PEM: " + e.getMessage(), e);
        }
    }

    /** A signer that only checks, from a published public key in PEM. */
    public static AnchorSigner verifying(String publicKeyPem) {
        try {
            return new AnchorSigner(null, publicKey(publicKeyPem));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public Anchor sign(Anchor anchor) {
        return anchor.signed(keyId, sign(anchor.signedText()));
    }

    /** Whether this key signed the anchor as it stands. */
    public boolean verifies(Anchor anchor) {
        return verifies(anchor.signingKey(), anchor.signedText(), anchor.signature());
    }

    /** An Ed25519 signature (base64) of {@code text}: an anchor's, or another statement the ledger signs. */
    public String sign(byte[] text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Whether this key, named {@code signingKey}, made {@code signature} (base64) over {@code text}. */
    public boolean verifies(String signingKey, byte[] text, String signature) {
        if (!keyId.equals(signingKey) || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(text);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Written whole under another name, then renamed into place: a node starting beside it reads one pair or none. */
    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "." + file.getFileName(), ".partial");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own defaults apply.
        }
        Files.writeString(partial, pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        try {
            Files.move(partial, file);
        } catch (FileAlreadyExistsException e) {
            Files.delete(partial);
        }
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY")));
    }

    private static byte[] block(String pem, String type) {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(matcher.group(2));
            }
        }
        throw new IllegalArgumentException("no " + type + " block");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
