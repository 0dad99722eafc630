package io.tokenledger.app.session;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.query.session.OpenSession;
import io.tokenledger.query.session.SessionLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Records the end of every session that expired (idle or past its lifetime), a batch at a time, on each node that
 * handles commands. Two nodes may pick the same session: the second end records nothing.
 */
@Component
@ConditionalOnWebApplication
public class SessionExpiry {

    private static final Logger log = LoggerFactory.getLogger(SessionExpiry.class);
    private static final int BATCH = 500;

    private final SessionLookup lookup;
    private final Sessions sessions;
    private final SessionProperties settings;
    private final Clock clock;
    private final boolean handlesCommands;

    public SessionExpiry(SessionLookup lookup, Sessions sessions, SessionProperties settings, Clock clock,
                         LedgerProperties ledger) {
        this.lookup = lookup;
        this.sessions = sessions;
        this.settings = settings;
        this.clock = clock;
        this.handlesCommands = ledger.role().handlesCommands();
    }

    @Scheduled(initialDelayString = "${ledger.session-expiry-interval}",
            fixedDelayString = "${ledger.session-expiry-interval}")
    public void scheduled() {
        if (handlesCommands) {
            expireAll();
        }
    }

    /** Answers how many sessions it ended; a batch in which another node had ended them all stops it. */
    public int expireAll() {
        int ended = 0;
        List<OpenSession> expired;
        long endedNow;
        do {
            Instant now = clock.instant();
            expired = lookup.expired(now, settings.sessionIdleTimeout(), BATCH);
            endedNow = expired.stream().filter(session -> sessions.expire(session, now)).count();
            ended += (int) endedNow;
        } while (expired.size() == BATCH && endedNow > 0);
        if (ended > 0) {
            log.info("{} sign-in sessions expired", ended);
        }
        return ended;
    }
}
