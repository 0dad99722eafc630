package io.tokenledger.migrations;

import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    private static TestDatabase db;

    /** The folder itself, as the stock Flyway CLI reads it, not the copy packaged into the jar. */
    @BeforeAll
    static void migrate() {
        db = TestDatabase.createEmpty();
        db.migrate("filesystem:sql");
    }

    @Test
    void createsTheEventStoreAndEveryReadTable() throws SQLException {
        assertThat(tables()).contains("domain_event_entry", "snapshot_event_entry", "token_entry",
                "clients", "tokens", "authorization_codes", "users", "audit_log");
    }

    @Test
    void keepsEverySeedColumnOfTheReadTables() throws SQLException {
        assertThat(columns("clients")).contains("client_id", "client_secret", "client_name", "redirect_uris",
                "grant_types", "scope", "created_at", "updated_at");
        assertThat(columns("tokens")).contains("token_id", "client_id", "user_id", "token_type", "access_token",
                "refresh_token", "scope", "expires_at", "created_at", "revoked_at");
        assertThat(columns("authorization_codes")).contains("code", "client_id", "user_id", "redirect_uri", "scope",
                "code_challenge", "code_challenge_method", "expires_at", "created_at", "used_at");
        assertThat(columns("users")).contains("user_id", "username", "email", "password_hash", "provider",
                "provider_user_id", "created_at", "updated_at");
    }

    @Test
    void storesEventPayloadsAsByteaNotLargeObjects() throws SQLException {
        assertThat(columnType("domain_event_entry", "payload")).isEqualTo("bytea");
        assertThat(columnType("domain_event_entry", "meta_data")).isEqualTo("bytea");
        assertThat(columnType("token_entry", "token")).isEqualTo("bytea");
    }

    @Test
    void indexesTheColumnsTheSeedQueriesFilterAndSortOn() throws SQLException {
        assertThat(strings("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).contains(
                "idx_tokens_client_id", "idx_tokens_active_created_at", "idx_tokens_expires_at",
                "idx_tokens_access_token", "idx_authorization_codes_created_at", "idx_users_created_at",
                "idx_clients_created_at");
    }

    private List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    }

    private List<String> columns(String table) throws SQLException {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table + "'");
    }

    private String columnType(String table, String column) throws SQLException {
        return strings("SELECT data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'").get(0);
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
