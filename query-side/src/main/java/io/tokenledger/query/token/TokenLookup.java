package io.tokenledger.query.token;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.scopes;

/**
 * Finds tokens by the hash of their value. {@code tokens} commits in the same transaction as the token's
 * events, so what this returns is never behind what an endpoint has acknowledged.
 */
@Component
public class TokenLookup {

    private static final String SELECT = """
            SELECT t.token_id, t.client_id, t.user_id, t.token_type, t.grant_type, t.scope, t.created_at,
                   t.expires_at, t.revoked_at, t.grant_id, t.refresh_token_expires_at, t.refresh_token_rotated_at,
                   c.retired_at AS client_retired_at
            FROM tokens t JOIN clients c ON c.client_id = t.client_id
            """;

    private final JdbcTemplate jdbc;

    public TokenLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TokenState> byAccessTokenHash(String hash) {
        return jdbc.query(SELECT + "WHERE t.access_token = ?", TokenLookup::map, hash).stream().findFirst();
    }

    public Optional<TokenState> byRefreshTokenHash(String hash) {
        return jdbc.query(SELECT + "WHERE t.refresh_token = ?", TokenLookup::map, hash).stream().findFirst();
    }

    private static TokenState map(ResultSet rs, int row) throws SQLException {
        return new TokenState(rs.getString("token_id"), rs.getString("client_id"), rs.getString("user_id"),
                rs.getString("token_type"), rs.getString("grant_type"), scopes(rs.getString("scope")),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                rs.getString("grant_id"), instant(rs, "refresh_token_expires_at"),
                instant(rs, "refresh_token_rotated_at"), instant(rs, "client_retired_at"));
    }
}
