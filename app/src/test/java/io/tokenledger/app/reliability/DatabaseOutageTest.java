package io.tokenledger.app.reliability;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.TcpProxy;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6: while PostgreSQL is out of reach every endpoint answers 503 temporarily_unavailable within seconds,
 * readiness says the node cannot serve while liveness stays up, and the node recovers by itself.
 */
class DatabaseOutageTest {

    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/");
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private TcpProxy database;
    private ConfigurableApplicationContext server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void endpointsAnswer503WhileTheDatabaseIsDownAndRecoverWhenItReturns() {
        LedgerClient ledger = start();
        String admin = ledger.accessToken(LedgerClient.basic("ops", "ops-secret-0123"), "ledger:admin ledger:audit");
        ClientInformation billing = ledger.register(admin, "read");
        String token = ledger.accessToken(LedgerClient.basic(billing), "read");
        String basic = LedgerClient.basicHeader(billing);

        database.cut();

        assertUnavailable(ledger, ledger.formRequest("/oauth2/token", "grant_type=client_credentials",
                "Authorization", basic));
        assertUnavailable(ledger, ledger.formRequest("/oauth2/introspect", "token=" + token, "Authorization", basic));
        assertUnavailable(ledger, ledger.formRequest("/oauth2/revoke", "token=" + token, "Authorization", basic));
        assertUnavailable(ledger, HttpRequest.newBuilder(ledger.uri("/ledger/audit"))
                                             .header("Authorization", "Bearer " + admin).GET());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> readiness = get(ledger, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        });
        assertThat(get(ledger, "/actuator/health").statusCode()).as("out of the load balancer").isEqualTo(503);
        assertThat(get(ledger, "/actuator/health/liveness").statusCode()).as("not restarted").isEqualTo(200);

        database.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> get(ledger, "/actuator/health/readiness").statusCode() == 200);
        assertThat(ledger.introspect(LedgerClient.basic(billing), token).isActive())
                .as("the revocation refused during the outage changed nothing").isTrue();
        assertThat(ledger.accessToken(LedgerClient.basic(billing), "read")).isNotBlank();
    }

    private static void assertUnavailable(LedgerClient ledger, HttpRequest.Builder request) {
        Instant start = Instant.now();
        HttpResponse<String> response = ledger.raw(request.timeout(Duration.ofSeconds(30)));
        assertThat(Duration.between(start, Instant.now())).isLessThan(PROMPTLY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("\"error\":\"temporarily_unavailable\"").doesNotContain("Exception");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    private static HttpResponse<String> get(LedgerClient ledger, String path) {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri(path)).timeout(Duration.ofSeconds(10)).GET());
    }

    private LedgerClient start() {
        TestDatabase db = TestDatabase.create();
        Matcher target = HOST_PORT.matcher(db.jdbcUrl());
        assertThat(target.find()).isTrue();
        database = new TcpProxy(target.group(1), Integer.parseInt(target.group(2)));
        String url = db.jdbcUrl().replace(target.group(0), "jdbc:postgresql://127.0.0.1:" + database.port() + "/");
        server = new SpringApplicationBuilder(TokenLedgerApplication.class).run("--spring.datasource.url=" + url,
                "--server.port=0", "--ledger.admin-client-id=ops", "--ledger.admin-client-secret=ops-secret-0123",
                "--management.endpoint.health.probes.enabled=true",
                "--management.endpoint.health.group.readiness.include=readinessState,db");
        return LedgerClient.of(server);
    }
}
