package io.tokenledger.app.reliability;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ledger.event-cache-size} bounds the tail of the ledger held in memory for the streaming processors. A
 * processor that falls behind a cache this small reads the event table itself, and still sees every event once.
 */
@TestPropertySource(properties = "ledger.event-cache-size=2")
@DirtiesContext
class SmallEventCacheTest extends LedgerIntegrationTest {

    @Autowired
    private EmbeddedEventStore eventStore;

    @Test
    void theEventStoreKeepsTheConfiguredNumberOfEvents() {
        Object producer = ReflectionTestUtils.getField(eventStore, "producer");
        assertThat(ReflectionTestUtils.getField(producer, "cachedEvents")).isEqualTo(2);
    }

    @Test
    void processorsBehindATinyCacheStillRecordEveryEvent() {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(thread -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 15; i++) {
                ledger.accessToken(client, "read");
            }
        })).toArray(CompletableFuture[]::new)).join();
        long events = allEvents();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(events);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_chain_link WHERE kind <> '0'", Long.class))
                    .isEqualTo(events);
        });
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log a JOIN domain_event_entry e USING (global_index)
                WHERE a.event_id = e.event_identifier""", Long.class)).as("every row at its own event's position")
                .isEqualTo(events);
    }
}
