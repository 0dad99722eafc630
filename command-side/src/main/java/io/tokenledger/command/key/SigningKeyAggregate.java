package io.tokenledger.command.key;

import io.tokenledger.events.key.ActivateSigningKey;
import io.tokenledger.events.key.GenerateSigningKey;
import io.tokenledger.events.key.RetireSigningKey;
import io.tokenledger.events.key.SigningKeyActivated;
import io.tokenledger.events.key.SigningKeyGenerated;
import io.tokenledger.events.key.SigningKeyRetired;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One signing key's life: generated, active, retired, never back. Its events hold the public half only: a JSON Web
 * Key with a private parameter is refused, so no private key can enter the ledger by this door.
 */
@Aggregate
public class SigningKeyAggregate {

    /** RFC 7518 §6.2.2 and §6.3.2 (EC and RSA private parameters), §6.4.1 (a symmetric key). */
    private static final Set<String> PRIVATE_PARAMETERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

    @AggregateIdentifier
    private String kid;
    private boolean active;
    private boolean retired;

    protected SigningKeyAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public SigningKeyAggregate(GenerateSigningKey command) {
        requirePublic(command.kid(), command.algorithm(), command.publicJwk());
        apply(new SigningKeyGenerated(command.kid(), command.algorithm(), new TreeMap<>(command.publicJwk()),
                command.generatedAt(), command.actor()));
    }

    /** @return whether this activated it: false when it was active already */
    @CommandHandler
    public boolean handle(ActivateSigningKey command) {
        if (retired) {
            throw new IllegalStateException("signing key " + kid + " is retired; it cannot sign again");
        }
        if (active) {
            return false;
        }
        apply(new SigningKeyActivated(kid, command.activatedAt(), command.actor()));
        return true;
    }

    /** @return whether this retired it: false when it was retired already */
    @CommandHandler
    public boolean handle(RetireSigningKey command) {
        if (retired) {
            return false;
        }
        apply(new SigningKeyRetired(kid, command.retiredAt(), command.actor()));
        return true;
    }

    @EventSourcingHandler
    void on(SigningKeyGenerated event) {
        kid = event.kid();
    }

    @EventSourcingHandler
    void on(SigningKeyActivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(SigningKeyRetired event) {
        active = false;
        retired = true;
    }

    private static void requirePublic(String kid, String algorithm, Map<String, String> jwk) {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("a signing key signs with one of " + ALGORITHMS + ", not " + algorithm);
        }
        if (jwk == null || !kid.equals(jwk.get("kid")) || !algorithm.equals(jwk.get("alg"))) {
            throw new IllegalArgumentException("the public JWK must name the key's kid and algorithm");
        }
        if (jwk.keySet().stream().anyMatch(PRIVATE_PARAMETERS::contains)) {
            throw new IllegalArgumentException("a signing key's JWK in the ledger holds its public half only");
        }
    }
}
