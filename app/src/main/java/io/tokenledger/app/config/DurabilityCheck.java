package io.tokenledger.app.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger answers 200 only for what PostgreSQL has made durable. At start-up this checks that the database does
 * (warning loudly when it does not: the server still serves, as an operator may want it to on a test box) and that
 * the commit deadline of migration V7 stays under a third of the processors' gap timeout (refusing to start when
 * it does not, as events could then be skipped).
 */
@Component
public class DurabilityCheck {

    private static final Logger log = LoggerFactory.getLogger(DurabilityCheck.class);
    private static final Map<String, String> UNSAFE = Map.of(
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off");

    private final JdbcTemplate jdbc;

    public DurabilityCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void check() {
        warnings(settings()).forEach(warning -> log.warn("DURABILITY AT RISK: {}", warning));
        Duration deadline = commitDeadline();
        if (deadline.multipliedBy(3).compareTo(AxonConfig.GAP_TIMEOUT) > 0) {
            throw new IllegalStateException("ledger.event_commit_deadline is " + deadline + "; it must stay at most "
                    + AxonConfig.GAP_TIMEOUT.dividedBy(3) + " or processors could skip a late-committing event");
        }
    }

    /** What is unsafe in these server settings, in words an operator can act on. */
    static List<String> warnings(Map<String, String> settings) {
        List<String> warnings = new ArrayList<>();
        UNSAFE.forEach((name, value) -> {
            if (value.equalsIgnoreCase(settings.get(name))) {
                warnings.add("the database runs with " + name + "=" + value + ": a change acknowledged to a client "
                        + "can be lost in a crash. Set " + name + "=on for production.");
            }
        });
        warnings.sort(null);
        return warnings;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        jdbc.query("SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', "
                + "'full_page_writes')", row -> {
            settings.put(row.getString("name"), row.getString("setting"));
        });
        return settings;
    }

    private Duration commitDeadline() {
        Double seconds = jdbc.queryForObject("SELECT extract(epoch FROM coalesce(nullif(current_setting("
                + "'ledger.event_commit_deadline', true), ''), '20 seconds')::interval)", Double.class);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
