package io.tokenledger.app.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ledger.stream.kafka.*} settings: where the ledger's events go for consumers outside it.
 *
 * @param bootstrapServers the Kafka brokers; the stream runs only when set
 * @param topic            the topic every event goes to, keyed by its stream (aggregate) id
 * @param batchSize        events published and confirmed per position the stream records
 * @param segments         how many parts of the ledger the query nodes share out between them when it first starts
 * @param producer         further Kafka producer settings (TLS, SASL, compression), passed on as they are; not those
 *                         the stream's delivery rests on
 */
@ConfigurationProperties("ledger.stream.kafka")
public record EventStreamProperties(String bootstrapServers, String topic, Integer batchSize, Integer segments,
                                    Map<String, String> producer) {

    /** Producer settings the stream sets itself and an operator may not change. */
    private static final Set<String> KEPT = Set.of("acks", "enable.idempotence", "bootstrap.servers",
            "key.serializer", "value.serializer", "transactional.id", "max.in.flight.requests.per.connection",
            "retries", "delivery.timeout.ms", "max.block.ms", "request.timeout.ms");

    public EventStreamProperties {
        topic = topic == null || topic.isBlank() ? "ledger-events" : topic;
        batchSize = batchSize == null ? 500 : batchSize;
        segments = segments == null ? 2 : segments;
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        if (batchSize < 1 || segments < 1) {
            throw new IllegalArgumentException("ledger.stream.kafka.batch-size and segments must be at least 1");
        }
        List<String> kept = producer.keySet().stream().filter(KEPT::contains).sorted().toList();
        if (!kept.isEmpty()) {
            throw new IllegalArgumentException("ledger.stream.kafka.producer may not set " + kept
                    + ": the stream's delivery (every event, in order per stream) rests on them");
        }
    }
}
