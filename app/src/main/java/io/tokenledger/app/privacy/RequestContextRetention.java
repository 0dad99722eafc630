package io.tokenledger.app.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Destroys the keys of anonymous requests' context once their day is older than
 * {@code ledger.retention.request-context-after}: on every node, at the retention interval (a key destroyed twice is
 * destroyed once).
 */
@Component
public class RequestContextRetention {

    private static final Logger log = LoggerFactory.getLogger(RequestContextRetention.class);

    private final PersonalDataKeys keys;
    private final Clock clock;

    public RequestContextRetention(PersonalDataKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${ledger.retention.interval}", fixedDelayString = "${ledger.retention.interval}")
    public List<String> destroyExpired() {
        List<String> destroyed = keys.destroyExpired(clock.instant());
        if (!destroyed.isEmpty()) {
            log.info("retention destroyed the keys of {} (the addresses and user agents they encrypted now read as "
                     + "erased; the events stay)", destroyed);
        }
        return destroyed;
    }
}
