package io.tokenledger.projections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Conversions from event values to JDBC parameters. */
public final class Sql {

    private Sql() {
    }

    /** An instant as TIMESTAMPTZ, independent of the JVM's and the session's time zone. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A TEXT[] value; an empty one for a list an event left out. */
    public static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    /** OAuth2's space-separated scope string (RFC 6749 §3.3), or NULL for none; an audience is kept alike. */
    public static String scope(List<String> scopes) {
        return scopes == null || scopes.isEmpty() ? null : String.join(" ", scopes);
    }
}
