package io.tokenledger.app.config;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerNodes;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read database's settings, on the tests' own server: a read database that is no standby serves (as the primary
 * itself here) and is never late; the combinations that would answer wrongly are refused at start-up, in one line.
 */
class ReadDatasourceSettingsTest {

    private final TestDatabase db = TestDatabase.create();

    @Test
    void aReadDatabaseThatIsNotAStandbyServesQueries_andIsNeverBehind() {
        try (ConfigurableApplicationContext node = LedgerNodes.start(db, "all-1",
                "--ledger.read-datasource.url=" + db.jdbcUrl())) {
            LedgerClient ledger = LedgerNodes.client(node);
            ClientAuthentication caller = LedgerClient.basic(ledger.register(LedgerNodes.adminToken(ledger), "read"));
            String token = ledger.accessToken(caller, "read");
            assertThat(ledger.introspect(caller, token).isActive()).isTrue();
            assertThat(ledger.revoke(caller, token).getStatusCode()).isEqualTo(200);
            assertThat(ledger.introspect(caller, token).isActive()).isFalse();
            assertThat(ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/prometheus")).GET()).body())
                    .containsPattern("(?m)^ledger_read_replica_lag_seconds 0\\.0$")
                    .containsPattern("(?m)^hikaricp_connections_max\\{pool=\"ledger-reads\"}");
        }
    }

    /** The cache hears a change on the primary, perhaps before the replica applied it, and would keep the old row. */
    @Test
    void theIntrospectionCacheIsRefusedWithIntrospectionFromAReplica() {
        assertThatThrownBy(() -> LedgerNodes.start(db, "all-1", "--ledger.read-datasource.url=" + db.jdbcUrl(),
                "--ledger.introspection-cache-size=100").close())
                .rootCause().hasMessageContaining("cannot go together");
    }

    /** The replica may come up later: the node starts, but is DOWN, and its queries get 503, until it answers. */
    @Test
    void aReadDatabaseThatDoesNotAnswerLeavesTheNodeDown_andItsQueriesUnavailable() {
        try (ConfigurableApplicationContext node = LedgerNodes.start(db, "all-1",
                "--ledger.read-datasource.url=jdbc:postgresql://127.0.0.1:1/ledger?connectTimeout=1")) {
            LedgerClient ledger = LedgerNodes.client(node);
            ClientInformation client = ledger.register(LedgerNodes.adminToken(ledger), "read");
            String token = ledger.accessToken(LedgerClient.basic(client), "read");
            assertThat(ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/health")).GET()).statusCode())
                    .isEqualTo(503);
            assertThat(ledger.form("/oauth2/introspect", "token=" + token, "Authorization",
                    LedgerClient.basicHeader(client)).statusCode()).isEqualTo(503);
        }
    }

    /** One that names no PostgreSQL database is refused. */
    @Test
    void aReadDatabaseUrlThatIsNoPostgresqlUrlIsRefused() {
        assertThatThrownBy(() -> LedgerNodes.start(db, "all-1", "--ledger.read-datasource.url=postgres://standby/ledger")
                .close())
                .rootCause().hasMessageContaining("must be a jdbc:postgresql: URL");
    }

    @Test
    void aRevocationCommitLevelBelowTheLocalFlushIsRefused() {
        assertThatThrownBy(() -> LedgerNodes.start(db, "all-1", "--ledger.revocation.synchronous-commit=off")
                .close())
                .rootCause().hasMessageContaining("ledger.revocation.synchronous-commit must be one of");
        assertThatThrownBy(() -> LedgerNodes.start(db, "all-1", "--ledger.revocation.synchronous-commit=remote_apply",
                "--ledger.revocation.synchronous-commit-max-wait=PT1M").close())
                .rootCause().hasMessageContaining("could be skipped by the processors");
    }
}
