package io.tokenledger.app.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerNodes;
import io.tokenledger.app.support.ServerJvm;
import io.tokenledger.testdb.TestDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import javax.sql.DataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's events reach a real Kafka broker (KRaft, in this JVM) from a publisher in a JVM of its own, killed
 * with SIGKILL while events keep being appended by another node: every event arrives, in order per stream, at least
 * once, with its position.
 */
class EventStreamTest {

    private static final String TOPIC = "ledger-events";
    private static final int WRITERS = 4;
    private static final Duration PACE = Duration.ofMillis(25);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase db;
    private static ConfigurableApplicationContext commandNode;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
        kafka.afterPropertiesSet();
        db = TestDatabase.create();
        commandNode = LedgerNodes.start(db, "command-1");
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(IntStream.range(0, 3).mapToObj(p -> new TopicPartition(TOPIC, p)).toList());
    }

    @AfterAll
    static void stop() {
        consumer.close();
        commandNode.close();
        kafka.destroy();
    }

    @Test
    void everyEventReachesKafkaInOrderPerStreamAtLeastOnceThoughThePublisherIsKilledMidStream() throws Exception {
        LedgerClient node = LedgerNodes.client(commandNode);
        AtomicBoolean appending = new AtomicBoolean(true);
        // Writers side by side, so that transactions commit out of the order of their positions (gaps the stream
        // must wait for, and events it must publish under their own position, not the furthest one seen).
        List<CompletableFuture<Integer>> load = IntStream.range(0, WRITERS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> issueAndRevoke(node, appending))).toList();
        List<Process> publishers = new ArrayList<>();
        try {
            publishers.add(publisher("query-1"));
            await().atMost(Duration.ofMinutes(2)).until(() -> poll().size() >= 200);
            publishers.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int atKill = poll().size();

            publishers.add(publisher("query-2"));
            await().atMost(Duration.ofMinutes(2)).until(() -> poll().size() >= atKill + 100);
            appending.set(false);
            int rounds = load.stream().mapToInt(CompletableFuture::join).sum();
            Map<Long, Row> table = table();
            await().atMost(Duration.ofMinutes(1)).until(() -> positions().containsAll(table.keySet()));

            assertThat(atKill).as("killed mid-stream").isLessThan(table.size());
            assertThat(rounds).isGreaterThan(0);
            assertReceivedAsRecorded(table);
        } finally {
            appending.set(false);
            publishers.forEach(Process::destroyForcibly);
        }
    }

    /** Every event once or more, each under its own position, as the table holds it, without secrets' hashes. */
    private static void assertReceivedAsRecorded(Map<Long, Row> table) throws IOException {
        assertThat(positions()).isEqualTo(table.keySet());
        for (ConsumerRecord<String, byte[]> record : received) {
            JsonNode event = JSON.readTree(record.value());
            Row row = table.get(event.get("position").asLong());
            assertThat(record.key()).isEqualTo(row.stream()).isEqualTo(event.get("aggregate_id").asText());
            assertThat(event.get("sequence").asLong()).isEqualTo(row.sequence());
            assertThat(event.get("type").asText()).isEqualTo(row.type());
            assertThat(new String(record.headers().lastHeader(StreamRecords.POSITION_HEADER).value(),
                    StandardCharsets.US_ASCII)).isEqualTo(event.get("position").asText());
            assertThat(fieldNames(event.get("payload"))).noneMatch(name -> name.endsWith("Hash"));
        }
        assertInOrderPerStream();
    }

    @Test
    void anUnreachableBrokerHoldsTheStreamBeforeItsFirstEventAndTheNodeSaysSo() throws Exception {
        try (ConfigurableApplicationContext node = LedgerNodes.start(TestDatabase.create(), "all-1",
                "--ledger.stream.kafka.bootstrap-servers=127.0.0.1:9", "--ledger.health.failure-window=PT5M")) {
            LedgerClient client = LedgerNodes.client(node);
            String admin = LedgerNodes.adminToken(client);
            await().atMost(Duration.ofMinutes(1)).until(() -> health(client).contains("DEGRADED"));

            JsonNode stream = stream(client, admin);
            assertThat(stream.get("mode").asText()).isEqualTo("streaming");
            assertThat(stream.get("rebuildable").asBoolean()).isFalse();
            assertThat(stream.get("lag").asLong()).as("not one event counted as published")
                                                  .isEqualTo(stream.get("head").asLong());
        }
    }

    private static String health(LedgerClient client) {
        return client.raw(HttpRequest.newBuilder(client.uri("/actuator/health"))).body();
    }

    private static JsonNode stream(LedgerClient client, String admin) throws IOException {
        for (JsonNode projection : JSON.readTree(client.manage(admin, "GET", "/admin/projections", null).body())) {
            if (projection.get("name").asText().equals(KafkaEventPublisher.NAME)) {
                return projection;
            }
        }
        throw new AssertionError("the stream is not among the projections");
    }

    private static int issueAndRevoke(LedgerClient node, AtomicBoolean appending) {
        ClientAuthentication admin = LedgerClient.basic(LedgerNodes.ADMIN_ID, LedgerNodes.ADMIN_SECRET);
        int rounds = 0;
        while (appending.get()) {
            String token = node.accessToken(admin, "ledger:admin");
            if (rounds++ % 2 == 0) {
                node.revoke(admin, token);
            }
            // Paced: enough side by side to commit out of order, without starving the publishers' JVMs of the CPU.
            LockSupport.parkNanos(PACE.toNanos());
        }
        return rounds;
    }

    /** The first time each position arrives, per stream: positions only ever grow. */
    private static void assertInOrderPerStream() {
        Set<Long> seen = new HashSet<>();
        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : received) {
            long position = Long.parseLong(new String(record.headers().lastHeader(StreamRecords.POSITION_HEADER)
                                                            .value(), StandardCharsets.US_ASCII));
            if (seen.add(position)) {
                Long before = last.put(record.key(), position);
                assertThat(before == null || before < position)
                        .as("stream %s: %s after %s", record.key(), position, before).isTrue();
            }
        }
    }

    private static synchronized List<ConsumerRecord<String, byte[]>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received;
    }

    private static Set<Long> positions() {
        Set<Long> positions = new HashSet<>();
        poll().forEach(r -> positions.add(Long.parseLong(new String(
                r.headers().lastHeader(StreamRecords.POSITION_HEADER).value(), StandardCharsets.US_ASCII))));
        return positions;
    }

    private static Map<Long, Row> table() {
        Map<Long, Row> rows = new HashMap<>();
        new JdbcTemplate(commandNode.getBean(DataSource.class)).query(
                "SELECT global_index, aggregate_identifier, sequence_number, payload_type FROM domain_event_entry",
                rs -> {
                    rows.put(rs.getLong(1), new Row(rs.getString(2), rs.getLong(3), rs.getString(4)));
                });
        return rows;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        node.forEach(child -> names.addAll(fieldNames(child)));
        return names;
    }

    /** A query node with the stream on, in a JVM of its own so that it can be killed outright. */
    private static Process publisher(String name) throws IOException {
        Path log = Files.createTempFile(name, ".log");
        List<String> command = ServerJvm.command("--spring.datasource.url=" + db.jdbcUrl(), "--server.port=0", "--management.server.port=0",
                "--ledger.role=query", "--ledger.node-id=" + name,
                "--ledger.stream.kafka.bootstrap-servers=" + kafka.getBrokersAsString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private record Row(String stream, long sequence, String type) {
    }
}
