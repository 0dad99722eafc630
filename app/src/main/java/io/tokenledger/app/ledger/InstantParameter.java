package io.tokenledger.app.ledger;

import io.tokenledger.app.oauth2.OAuth2Exception;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** An instant an auditor names ({@code asOf}, {@code activeAt}, {@code from}): ISO-8601, now when left out. */
final class InstantParameter {

    /** Years 1 to 9999: ISO-8601's four-digit years, well inside what PostgreSQL's timestamps hold. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InstantParameter() {
    }

    static Instant parse(String value, String name, Clock clock) {
        if (value == null) {
            return clock.instant();
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw OAuth2Exception.invalidRequest(name + " must be between " + EARLIEST + " and " + LATEST);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw OAuth2Exception.invalidRequest(name + " must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
        }
    }
}
