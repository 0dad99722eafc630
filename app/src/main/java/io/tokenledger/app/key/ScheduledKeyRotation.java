package io.tokenledger.app.key;

import io.tokenledger.app.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotation on schedule: every {@code ledger.signing-key-rotation-check} a command node makes a new key once the
 * one that signs has done so for {@code ledger.signing-key-rotation-interval}. The retired key stays published for
 * the overlap, as after a rotation on demand.
 */
@Component
@ConditionalOnWebApplication
public class ScheduledKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(ScheduledKeyRotation.class);

    private final KeyRotation rotation;
    private final boolean enabled;

    public ScheduledKeyRotation(KeyRotation rotation, SigningKeyProperties settings, LedgerProperties ledger) {
        this.rotation = rotation;
        this.enabled = settings.rotatesOnSchedule() && ledger.role().handlesCommands();
    }

    @Scheduled(initialDelayString = "${ledger.signing-key-rotation-check}",
            fixedDelayString = "${ledger.signing-key-rotation-check}")
    public void scheduled() {
        if (enabled) {
            rotation.rotateIfDue(SigningKeyBootstrap.ACTOR).ifPresent(rotated -> log.info(
                    "rotated the signing keys on schedule: {} signs now, {} retired", rotated.kid(),
                    rotated.retired()));
        }
    }
}
