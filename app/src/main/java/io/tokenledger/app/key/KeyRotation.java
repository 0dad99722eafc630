package io.tokenledger.app.key;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.nimbusds.jose.jwk.JWK;
import io.tokenledger.events.Actor;
import io.tokenledger.events.key.ActivateSigningKey;
import io.tokenledger.events.key.GenerateSigningKey;
import io.tokenledger.events.key.RetireSigningKey;
import io.tokenledger.query.key.SigningKeyLookup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes a new signing key and retires the ones that signed until now: the new key signs from the moment it is active,
 * and the retired ones stay in {@code /oauth2/jwks} for {@code ledger.signing-keys-published-after-retirement}, so
 * that what they signed still validates. The first start of a ledger makes its first key the same way.
 */
@Component
public class KeyRotation {

    private final SigningKeyProperties settings;
    private final SigningKeyStore store;
    private final SigningKeyLookup keys;
    private final CommandGateway commands;
    private final Clock clock;
    private final JwtSigner signer;
    private final KeyLock lock;

    public KeyRotation(SigningKeyProperties settings, SigningKeyStore store, SigningKeyLookup keys,
                       CommandGateway commands, Clock clock, JwtSigner signer, KeyLock lock) {
        this.signer = signer;
        this.lock = lock;
        this.settings = settings;
        this.store = store;
        this.keys = keys;
        this.commands = commands;
        this.clock = clock;
    }

    /** A new key now, whatever the age of the one that signs. */
    public Rotated rotate(Actor actor) {
        return lock.holding(() -> rotateNow(actor));
    }

    /**
     * A new key if none signs, or if the one that signs has done so for {@code signingKeyRotationInterval} (when
     * rotation is scheduled); empty when it is not due. Nodes starting or checking at once take turns, and each
     * decides after the one before it finished, so only one key is made.
     */
    public Optional<Rotated> rotateIfDue(Actor actor) {
        return lock.holding(() -> {
            Optional<Instant> since = keys.signingSince();
            boolean due = since.isEmpty() || (settings.rotatesOnSchedule()
                    && !since.get().plus(settings.signingKeyRotationInterval()).isAfter(clock.instant()));
            return due ? Optional.of(rotateNow(actor)) : Optional.empty();
        });
    }

    private Rotated rotateNow(Actor actor) {
        List<String> signing = keys.activeKids();
        JWK key = store.generate(settings.signingKeyAlgorithm());
        Instant now = clock.instant();
        commands.sendAndWait(new GenerateSigningKey(key.getKeyID(), settings.signingKeyAlgorithm(),
                publicMembers(key), now, actor));
        commands.sendAndWait(new ActivateSigningKey(key.getKeyID(), now, actor));
        signing.forEach(kid -> commands.sendAndWait(new RetireSigningKey(kid, now, actor)));
        signer.rotated();
        return new Rotated(key.getKeyID(), settings.signingKeyAlgorithm(), signing);
    }

    /** The public JWK's members, all strings for RSA and EC public keys. */
    static Map<String, String> publicMembers(JWK key) {
        return key.toPublicJWK().toJSONObject().entrySet().stream()
                  .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    /**
     * @param kid     the key that signs from now on
     * @param retired the keys it replaced, published still for the overlap
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rotated(String kid, String algorithm, List<String> retired) {
    }
}
