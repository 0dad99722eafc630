package io.tokenledger.app.support;

import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A whole server on a random port, over a PostgreSQL database of this test class's own, with a known
 * bootstrap admin client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.hikari.maximum-pool-size=8",
        "ledger.admin-client-id=" + LedgerIntegrationTest.ADMIN_ID,
        "ledger.admin-client-secret=" + LedgerIntegrationTest.ADMIN_SECRET})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)

public abstract class LedgerIntegrationTest {

    public static final String ADMIN_ID = "test-admin";
    public static final String ADMIN_SECRET = "an operator-chosen admin secret";

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    protected LedgerClient ledger;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.create();
        registry.add("spring.datasource.url", database::jdbcUrl);
    }

    @BeforeEach
    void connectClient() {
        ledger = new LedgerClient(port, managementPort);
    }

    /**
     * Events that change state. Refused requests may add security events (a failed client authentication, a failed
     * sign-in) for auditors, but never one of these.
     */
    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry "
                + "WHERE payload_type NOT LIKE 'io.tokenledger.events.security.%'", Long.class);
    }

    protected long securityEventCount(String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?", Long.class,
                "io.tokenledger.events.security." + type);
    }

    /** Every event in the ledger, security events included. */
    protected long allEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** The audit log follows the ledger asynchronously: waits until it holds a row for every event. */
    protected void awaitAuditLogCaughtUp(Duration within) {
        await().atMost(within).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_entry", Long.class)
                                               == allEvents());
    }

    protected void awaitAuditLogCaughtUp() {
        awaitAuditLogCaughtUp(Duration.ofSeconds(30));
    }

    /** The chain links events moments after they are appended: waits until it links every event. */
    protected void awaitChained() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_chain_link WHERE kind <> '0'", Long.class) == allEvents());
    }

    protected String adminToken() {
        return ledger.accessToken(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:admin ledger:audit");
    }
}
