package io.tokenledger.query.session;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.scopes;
import static io.tokenledger.query.Rows.uuid;

/** Sign-in sessions that have not ended, from the {@code sessions} table the command's transaction keeps. */
@Component
public class SessionLookup {

    private static final String OPEN = """
            SELECT s.session_id::text, s.user_id, s.methods, s.started_at, s.expires_at, s.last_used_at,
                   u.disabled_at IS NOT NULL AS user_disabled
            FROM sessions s LEFT JOIN users u ON u.user_id = s.user_id
            WHERE s.ended_at IS NULL""";

    private final JdbcTemplate jdbc;

    public SessionLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The open session a cookie belongs to, by the cookie's hash. */
    public Optional<OpenSession> byCookieHash(String cookieHash) {
        return jdbc.query(OPEN + " AND s.cookie_hash = ?", SessionLookup::map, cookieHash).stream().findFirst();
    }

    /** An open session by its id (OpenID Connect's {@code sid}). */
    public Optional<OpenSession> byId(String sessionId) {
        return uuid(sessionId).flatMap(id -> jdbc.query(OPEN + " AND s.session_id = ?", SessionLookup::map, id)
                                               .stream().findFirst());
    }

    /** The user's open sessions. */
    public List<OpenSession> ofUser(String userId) {
        return jdbc.query(OPEN + " AND s.user_id = ?", SessionLookup::map, userId);
    }

    /** Open sessions past their lifetime, or unused for longer than the idle timeout, at most this many. */
    public List<OpenSession> expired(Instant now, Duration idleTimeout, int limit) {
        return jdbc.query(OPEN + " AND (s.expires_at <= ? OR s.last_used_at <= ?) ORDER BY s.last_used_at LIMIT ?",
                SessionLookup::map, Timestamp.from(now), Timestamp.from(now.minus(idleTimeout)), limit);
    }

    private static OpenSession map(ResultSet rs, int row) throws SQLException {
        return new OpenSession(rs.getString(1), rs.getString(2), scopes(rs.getString(3)), instant(rs, "started_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"), rs.getBoolean(7));
    }
}
