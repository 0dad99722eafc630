package io.tokenledger.app.projection;

import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health answers exactly {"status":"UP"}, degrades while a processor fails and recovers by itself, and is out of
 * service until the node is ready for traffic.
 */
@TestPropertySource(properties = "ledger.health.failure-window=PT3S")
class HealthTest extends LedgerIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void aFailingProcessorDegradesTheNodeAndItRecovers() {
        assertThat(health().body()).isEqualTo("{\"status\":\"UP\"}");
        var client = ledger.register(adminToken(), "read");
        jdbc.execute("ALTER TABLE audit_entry RENAME TO audit_entry_away");
        try {
            ledger.accessToken(LedgerClient.basic(client), "read");
            await().atMost(Duration.ofSeconds(15)).until(() -> health().body().contains("DEGRADED"));
            assertThat(health().statusCode()).as("tokens still work; the node stays in service").isEqualTo(200);
            assertThat(ledger.accessToken(LedgerClient.basic(client), "read")).isNotBlank();
        } finally {
            jdbc.execute("ALTER TABLE audit_entry_away RENAME TO audit_entry");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> health().body().equals("{\"status\":\"UP\"}"));
        awaitAuditLogCaughtUp();
    }

    /**
     * Until start-up is complete (the bootstrap admin client registered) and again while shutting down, the node is
     * out of service: a load balancer or a script that waits for health must not send it traffic it cannot serve.
     */
    @Test
    void aNodeNotReadyForTrafficIsOutOfService() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            assertThat(health().statusCode()).isEqualTo(503);
            assertThat(health().body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(health().body()).isEqualTo("{\"status\":\"UP\"}");
    }

    private HttpResponse<String> health() {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/health")).GET());
    }
}
