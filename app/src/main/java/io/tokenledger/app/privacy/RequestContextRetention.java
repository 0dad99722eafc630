package io.tokenledger.app.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Destroys the keys of anonymous requests' context once their day is older than
 * {@code ledger.retention.request-context-after}, and makes tomorrow's ahead of it: on every node, at the retention
 * interval (a key destroyed or made twice is destroyed or made once). It runs whatever
 * {@code ledger.retention.enabled} says: that switch is for the read tables, this is a promise about personal data.
 */
@Component
public class RequestContextRetention {

    private static final Logger log = LoggerFactory.getLogger(RequestContextRetention.class);

    private final PersonalDataKeys keys;
    private final PersonalDataProtection protection;
    private final Clock clock;

    public RequestContextRetention(PersonalDataKeys keys, PersonalDataProtection protection, Clock clock) {
        this.keys = keys;
        this.protection = protection;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${ledger.retention.interval}", fixedDelayString = "${ledger.retention.interval}")
    public void scheduled() {
        protection.prepare(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1));
        List<String> destroyed = keys.destroyExpired(clock.instant());
        if (!destroyed.isEmpty()) {
            log.info("retention destroyed the keys of {} (the addresses and user agents they encrypted now read as "
                     + "erased; the events stay)", destroyed);
        }
    }
}
