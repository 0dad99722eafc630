package io.tokenledger.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Conversions from read-table columns to query-result values. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A UUID column's value from request text; empty when the text is no UUID, which no row then matches. */
    public static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A TEXT[] column's values. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        return List.of((String[]) rs.getArray(column).getArray());
    }

    /** A LIKE pattern for values that start with {@code prefix}: its {@code %}, {@code _} and {@code \\} literal. */
    public static String likePrefix(String prefix) {
        return prefix.strip().replaceAll("([\\\\%_])", "\\\\$1") + "%";
    }

    /** Splits OAuth2's space-separated scope string (RFC 6749 §3.3). */
    public static List<String> scopes(String scope) {
        return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
    }
}
