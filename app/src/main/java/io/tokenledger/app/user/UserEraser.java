package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.commanding.GrantRevocations;
import io.tokenledger.app.commanding.RecordedText;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.privacy.PersonalDataKeys;
import io.tokenledger.app.session.Sessions;
import io.tokenledger.events.Actor;
import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.user.EraseUser;
import io.tokenledger.query.ledger.EventLedger;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Erases a person (GDPR Art. 17, issue 25): records {@code UserErased} and destroys the key their personal data is
 * encrypted under in the same transaction, so the ledger never says a person was erased while their data still reads,
 * nor loses their data without saying why. The {@code users} row drops their plaintext with it. Then, as disabling
 * does, every grant they gave ends and every sign-in session ({@code USER_ERASED}); erasing again records nothing for
 * the account and ends whatever is still live.
 */
@Component
public class UserEraser {

    private static final Logger log = LoggerFactory.getLogger(UserEraser.class);

    private static final int MAX_TEXT = 500;

    private final CommandGateway commands;
    private final PersonalDataKeys keys;
    private final TransactionTemplate transactions;
    private final GrantRevocations revocations;
    private final Sessions sessions;
    private final EventLedger ledger;
    private final Clock clock;

    public UserEraser(CommandGateway commands, PersonalDataKeys keys, PlatformTransactionManager transactions,
                      GrantRevocations revocations, Sessions sessions, EventLedger ledger, Clock clock) {
        this.commands = commands;
        this.keys = keys;
        this.transactions = new TransactionTemplate(transactions);
        this.revocations = revocations;
        this.sessions = sessions;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Erased erase(UserAccount user, Erasure erasure, Actor actor) {
        if (erasure == null) {
            throw OAuth2Exception.invalidRequest("a JSON object with reason and requested_by is required");
        }
        String reason = keptText(erasure.reason(), "reason", user);
        String requestedBy = keptText(erasure.requestedBy(), "requested_by", user);
        Instant now = clock.instant();
        Boolean erasedNow = transactions.execute(transaction -> {
            boolean recorded = commands.sendAndWait(new EraseUser(user.userId(), reason, requestedBy, now, actor));
            keys.destroy(PersonalFields.keyOf(user.userId()));
            return recorded;
        });
        long revoked = revocations.revokeGrantsOfUser(user.userId(), null, RevocationReason.USER_ERASED, now, actor);
        long ended = sessions.endAllOf(user.userId(), SessionEndReason.USER_ERASED, now, actor);
        long unencrypted = ledger.unencryptedPersonalEvents(user.userId());
        if (unencrypted > 0) {
            log.warn("user {} was erased, but {} of their account's events were written before the ledger encrypted "
                     + "personal data and still hold it in plaintext (docs/auditing.md)", user.userId(), unencrypted);
        }
        return new Erased(user.userId(), Boolean.TRUE.equals(erasedNow), revoked, ended, unencrypted);
    }

    /** A reason or requester, which outlives the person's data: so it may not name them. */
    private static String keptText(String value, String field, UserAccount user) {
        String text = RecordedText.of(value, MAX_TEXT).orElseThrow(() -> OAuth2Exception.invalidRequest(
                field + " is required: 1-" + MAX_TEXT + " printable characters"));
        String folded = text.toLowerCase(Locale.ROOT);
        if (Stream.of(user.username(), user.email(), user.name())
                  .anyMatch(personal -> personal != null && folded.contains(personal.toLowerCase(Locale.ROOT)))) {
            throw OAuth2Exception.invalidRequest(field + " names the person; it is kept after the erasure, so it may "
                                                 + "say why and at whose request, never who");
        }
        return text;
    }

    /**
     * @param erasedNow     false when the person was erased already: nothing was recorded for the account
     * @param grantsRevoked the grants this ended
     * @param sessionsEnded the sign-in sessions this ended
     * @param unencryptedEvents the account's events written before the ledger encrypted personal data, which the
     *                          erasure could not reach: their plaintext stays until they are re-encrypted
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Erased(String userId, boolean erasedNow, long grantsRevoked, long sessionsEnded,
                         long unencryptedEvents) {
    }
}
