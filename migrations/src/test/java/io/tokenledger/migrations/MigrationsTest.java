package io.tokenledger.migrations;

import io.tokenledger.testdb.TestDatabase;
import org.flywaydb.core.Flyway;
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
                "clients", "tokens", "authorization_codes", "users", "audit_entry", "audit_log");
    }

    /** Introspection, revocation and refresh find a token by the hash of its value: a hash index, not a B-tree. */
    @Test
    void tokensAreFoundByTheirHashThroughHashIndexes() throws SQLException {
        String methods = String.join("\n", strings("""
                SELECT (SELECT amname FROM pg_am WHERE oid = relam) FROM pg_class
                WHERE relname IN ('idx_tokens_access_token', 'idx_tokens_refresh_token')"""));
        assertThat(methods).isEqualTo("hash\nhash");
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("SET enable_seqscan = off");
            for (String column : List.of("access_token", "refresh_token")) {
                ResultSet plan = c.createStatement().executeQuery("EXPLAIN SELECT token_id FROM tokens WHERE " + column
                        + " = 'sha256:00'");
                plan.next();
                assertThat(plan.getString(1) + (plan.next() ? plan.getString(1) : "")).contains("idx_tokens_" + column);
            }
        }
    }

    /** Since V9 audit_log is a view; analysts' queries see the columns the table had. */
    @Test
    void theAuditLogKeepsItsColumns() throws SQLException {
        assertThat(strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_log' "
                + "ORDER BY ordinal_position")).containsExactly("global_index", "event_id", "occurred_at", "event_type",
                "aggregate_type", "aggregate_id", "sequence_number", "client_id", "user_id", "token_id", "actor",
                "details", "remote_address", "user_agent", "request_id");
    }

    /** A ledger's audit rows from before V9 read the same through the view after it. */
    @Test
    void upgradingKeepsTheAuditLogsRows() throws SQLException {
        TestDatabase old = TestDatabase.createEmpty();
        Flyway.configure().dataSource(old.jdbcUrl(), null, null).locations("filesystem:sql").target("8").load()
              .migrate();
        String payload = """
                {"tokenId":"9b2e1c1a-5d3f-4c55-9f2a-0d7c3f1e2a10","clientId":"c-1","accessTokenHash":"sha256:ab",\
                "token":{"refreshTokenHash":"sha256:cd","scopes":["read"]},"actor":{"kind":"client","id":"c-1"}}""";
        String row = """
                SELECT global_index, event_id, occurred_at, event_type, aggregate_type, aggregate_id, sequence_number,
                       client_id, user_id, token_id::text, actor, details::text, remote_address, user_agent, request_id
                FROM audit_log""";
        update(old, """
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload, meta_data)
                VALUES (7, 'e-7', '9b2e1c1a-5d3f-4c55-9f2a-0d7c3f1e2a10', 0, 'TokenAggregate', '2026-11-26T10:00:00Z',
                        'io.tokenledger.events.token.TokenIssued', convert_to('%s', 'UTF8'),
                        convert_to('{"remoteAddress":"203.0.113.9","userAgent":"curl/8","requestId":"r-7"}', 'UTF8'))"""
                .formatted(payload));
        update(old, """
                INSERT INTO audit_log VALUES (7, 'e-7', '2026-11-26T10:00:00Z', 'TokenIssued', 'TokenAggregate',
                    '9b2e1c1a-5d3f-4c55-9f2a-0d7c3f1e2a10', 0, 'c-1', NULL, '9b2e1c1a-5d3f-4c55-9f2a-0d7c3f1e2a10',
                    'client:c-1', '{"tokenId":"9b2e1c1a-5d3f-4c55-9f2a-0d7c3f1e2a10","clientId":"c-1",
                    "token":{"scopes":["read"]},"actor":{"kind":"client","id":"c-1"}}',
                    '203.0.113.9', 'curl/8', 'r-7')""");
        List<String> before = strings(old, row);

        old.migrate("filesystem:sql");

        assertThat(strings(old, row)).isEqualTo(before).hasSize(15);
    }

    /**
     * V13 regroups the chain's links into rows of a batch each; every link keeps its place, event and tag. V17 keeps
     * those unkeyed links, for the record, in a table of their own, and starts the keyed chain afresh.
     */
    @Test
    void upgradingKeepsEveryLinkOfTheChain() throws SQLException {
        TestDatabase old = TestDatabase.createEmpty();
        Flyway.configure().dataSource(old.jdbcUrl(), null, null).locations("filesystem:sql").target("12").load()
              .migrate();
        update(old, """
                INSERT INTO ledger_chain (chain_seq, global_index, digest)
                SELECT n, 1 + (n * 7) % 2503, sha256(n::text::bytea) FROM generate_series(1, 2500) AS n""");
        String links = "SELECT chain_seq || ' ' || global_index || ' ' || encode(%s, 'hex') FROM %s ORDER BY 1";
        List<String> tags = strings(old, links.formatted("substring(digest FROM 1 FOR 8)", "ledger_chain"));
        List<String> rowEnds = strings(old, "SELECT encode(digest, 'hex') FROM ledger_chain WHERE chain_seq IN "
                + "(1000, 2000, 2500) ORDER BY chain_seq");

        Flyway.configure().dataSource(old.jdbcUrl(), null, null).locations("filesystem:sql").target("16").load()
              .migrate();

        assertThat(strings(old, links.formatted("tag", "ledger_chain_link"))).isEqualTo(tags).hasSize(2500);
        assertThat(strings(old, "SELECT cardinality(positions) FROM ledger_chain ORDER BY last_seq"))
                .containsExactly("1000", "1000", "500");
        assertThat(strings(old, "SELECT encode(digest, 'hex') FROM ledger_chain ORDER BY last_seq"))
                .isEqualTo(rowEnds);

        old.migrate("filesystem:sql");

        assertThat(strings(old, "SELECT encode(digest, 'hex') FROM ledger_chain_unkeyed ORDER BY last_seq"))
                .as("the unkeyed links kept for the record").isEqualTo(rowEnds);
        assertThat(strings(old, "SELECT count(*) FROM ledger_chain")).as("the keyed chain starts afresh")
                .containsExactly("0");
        assertThat(strings(old, "SELECT count(*) FROM ledger_settings WHERE name = 'ledger_id'")).containsExactly("1");
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
        return strings(db, sql);
    }

    /** Every column of every row, in order. */
    private static List<String> strings(TestDatabase on, String sql) throws SQLException {
        try (Connection c = on.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getString(i));
                }
            }
            return out;
        }
    }

    private static void update(TestDatabase on, String sql) throws SQLException {
        try (Connection c = on.dataSource().getConnection()) {
            c.createStatement().executeUpdate(sql);
        }
    }
}
