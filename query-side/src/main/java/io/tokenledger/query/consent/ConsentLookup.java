package io.tokenledger.query.consent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.scopes;

/** What users allow clients now, from the {@code consents} table the command's transaction keeps. */
@Component
public class ConsentLookup {

    private final JdbcTemplate jdbc;

    public ConsentLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The scopes the user allows the client; empty when none (never asked, or revoked). */
    public List<String> allowed(String userId, String clientId) {
        return jdbc.query("SELECT scope FROM consents WHERE user_id = ? AND client_id = ?",
                (rs, row) -> scopes(rs.getString("scope")), userId, clientId).stream().findFirst().orElse(List.of());
    }

    /** Every consent of the user that still allows something, the most recent first. */
    public List<Consent> ofUser(String userId) {
        return jdbc.query("""
                SELECT n.client_id, c.client_name, n.scope, n.granted_at FROM consents n
                LEFT JOIN clients c ON c.client_id = n.client_id
                WHERE n.user_id = ? AND n.revoked_at IS NULL
                ORDER BY n.granted_at DESC, n.client_id""", ConsentLookup::map, userId);
    }

    private static Consent map(ResultSet rs, int row) throws SQLException {
        return new Consent(rs.getString("client_id"), rs.getString("client_name"), scopes(rs.getString("scope")),
                instant(rs, "granted_at"));
    }
}
