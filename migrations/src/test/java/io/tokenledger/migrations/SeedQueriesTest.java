package io.tokenledger.migrations;

import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed document's example queries, verbatim, on the read tables. */
class SeedQueriesTest {

    private static final String ACTIVE_CLIENTS = SeedQueries.sql(SeedQueries.CHECK_ACTIVE_CLIENTS);
    private static final String ACTIVE_TOKENS = SeedQueries.sql(SeedQueries.CHECK_ACTIVE_TOKENS);
    private static final String TOKEN_STATISTICS = SeedQueries.sql(SeedQueries.TOKEN_STATISTICS);
    private static final String RECENT_CODES = SeedQueries.sql(SeedQueries.RECENT_AUTHORIZATION_CODES);
    private static final String REGISTRATION_STATS = SeedQueries.sql(SeedQueries.USER_REGISTRATION_STATS);

    private static TestDatabase db;

    @BeforeAll
    static void seed() throws SQLException {
        db = TestDatabase.create();
        execute("""
                INSERT INTO clients (client_id, client_secret, client_name, redirect_uris, grant_types, scope,
                                     token_endpoint_auth_method)
                VALUES ('c-1', 'sha256:x', 'Billing', '{}', '{client_credentials}', 'read', 'client_secret_basic')""");
        execute("""
                INSERT INTO tokens (token_id, client_id, token_type, access_token, expires_at, created_at, revoked_at,
                                    grant_type)
                VALUES (gen_random_uuid(), 'c-1', 'Bearer', 'sha256:1', NOW() + INTERVAL '1 hour', NOW(), NULL, 'client_credentials'),
                       (gen_random_uuid(), 'c-1', 'Bearer', 'sha256:2', NOW() + INTERVAL '1 hour', NOW(), NOW(), 'client_credentials'),
                       (gen_random_uuid(), 'c-1', 'Bearer', 'sha256:3', NOW() - INTERVAL '1 hour', NOW() - INTERVAL '2 hours', NULL, 'client_credentials')""");
        execute("""
                INSERT INTO users (user_id, username, email, password_hash)
                VALUES ('u-1', 'ada', 'ada@example.com', 'bcrypt:$2a$10$x')""");
        execute("""
                INSERT INTO authorization_codes (code, client_id, user_id, redirect_uri, expires_at)
                VALUES ('sha256:c', 'c-1', 'u-1', 'https://app.example/cb', NOW() + INTERVAL '1 minute')""");
    }

    @Test
    void everySeedQueryRunsUnchanged() throws SQLException {
        assertThat(rows(ACTIVE_CLIENTS)).hasSize(1);
        assertThat(rows(ACTIVE_TOKENS)).hasSize(2);
        assertThat(rows(RECENT_CODES)).hasSize(1);
        String today = rows("SELECT DATE(NOW())").get(0).get(0);
        assertThat(rows(REGISTRATION_STATS)).containsExactly(List.of(today, "1", "0"));
    }

    @Test
    void tokenStatisticsCountActiveRevokedAndExpired() throws SQLException {
        assertThat(rows(TOKEN_STATISTICS)).containsExactly(List.of("Bearer", "3", "1", "1", "1"));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
