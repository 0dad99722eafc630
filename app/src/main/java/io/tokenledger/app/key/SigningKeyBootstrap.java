package io.tokenledger.app.key;

import com.nimbusds.jose.jwk.JWK;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.events.Actor;
import io.tokenledger.events.key.ActivateSigningKey;
import io.tokenledger.events.key.GenerateSigningKey;
import io.tokenledger.query.key.SigningKeyLookup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A ledger with no active signing key gets one at the first start of a node that handles commands: generated here,
 * its private half written to {@code LEDGER_SIGNING_KEYS_DIR}, its public half recorded ({@code SigningKeyGenerated},
 * {@code SigningKeyActivated}). A node that does not hold the active key's private half says so.
 */
@Component
@ConditionalOnWebApplication
public class SigningKeyBootstrap implements ApplicationRunner {

    static final Actor ACTOR = Actor.system("signing-keys");
    private static final Logger log = LoggerFactory.getLogger(SigningKeyBootstrap.class);

    private final LedgerProperties ledger;
    private final SigningKeyProperties settings;
    private final SigningKeyStore store;
    private final SigningKeyLookup keys;
    private final CommandGateway commands;
    private final Clock clock;

    public SigningKeyBootstrap(LedgerProperties ledger, SigningKeyProperties settings, SigningKeyStore store,
                               SigningKeyLookup keys, CommandGateway commands, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.store = store;
        this.keys = keys;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!ledger.role().handlesCommands()) {
            return;
        }
        Optional<String> active = keys.signingKid();
        if (active.isPresent()) {
            if (store.privateKey(active.get()).isEmpty()) {
                log.warn("the active signing key {} is not in {}: give every command node the same "
                        + "LEDGER_SIGNING_KEYS_DIR", active.get(), store.directory());
            }
            return;
        }
        JWK key = store.generate(settings.signingKeyAlgorithm());
        Instant now = clock.instant();
        commands.sendAndWait(new GenerateSigningKey(key.getKeyID(), settings.signingKeyAlgorithm(),
                publicMembers(key), now, ACTOR));
        commands.sendAndWait(new ActivateSigningKey(key.getKeyID(), now, ACTOR));
        log.info("generated the {} signing key {}; its private half is in {}", settings.signingKeyAlgorithm(),
                key.getKeyID(), store.directory());
    }

    /** The public JWK's members, all strings for RSA and EC public keys. */
    static Map<String, String> publicMembers(JWK key) {
        return key.toPublicJWK().toJSONObject().entrySet().stream()
                  .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }
}
