package io.tokenledger.app.key;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.events.Actor;
import io.tokenledger.query.key.SigningKeyLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import java.util.Optional;

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
    private final SigningKeyStore store;
    private final SigningKeyLookup keys;
    private final KeyRotation rotation;

    public SigningKeyBootstrap(LedgerProperties ledger, SigningKeyStore store, SigningKeyLookup keys,
                               KeyRotation rotation) {
        this.ledger = ledger;
        this.store = store;
        this.keys = keys;
        this.rotation = rotation;
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
        // Another node starting at once may make it first: then this one finds it and makes none.
        rotation.rotateIfDue(ACTOR).ifPresent(first -> log.info("generated the {} signing key {}; its private half "
                + "is in {}", first.algorithm(), first.kid(), store.directory()));
    }
}
