package io.tokenledger.app.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.projections.ProcessorFailures;
import io.tokenledger.query.ledger.PersonalDataReveal;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;

/**
 * The ledger's outward event stream, on when {@code ledger.stream.kafka.bootstrap-servers} is set: a pooled streaming
 * processor of its own reads the event table by position from its very first event and hands each event to a plain
 * Kafka producer (docs/decisions.md says why not Axon's Kafka extension). Like the audit log it runs on the nodes that
 * run streaming processors, which share its segments through the token store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ledger.stream.kafka", name = "bootstrap-servers")
@EnableConfigurationProperties(EventStreamProperties.class)
public class EventStreamConfig {

    /**
     * Waits on Kafka stay below the database's idle-in-transaction limit (15 s, application.yml): the processor's
     * position is written in the transaction that stays open until Kafka has confirmed the batch.
     */
    private static final int DELIVERY_TIMEOUT_MS = 10_000;
    private static final int REQUEST_TIMEOUT_MS = 5_000;

    @Bean(destroyMethod = "close")
    public Producer<String, byte[]> ledgerEventProducer(EventStreamProperties stream,
                                                        @Value("${ledger.node-id:}") String nodeId) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stream.bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, nodeId.isBlank() ? "token-ledger" : "token-ledger-" + nodeId);
        // Idempotence with every replica's acknowledgement: a retried send is neither lost nor reordered.
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REQUEST_TIMEOUT_MS);
        settings.putAll(stream.producer());
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    public KafkaEventPublisher kafkaEventPublisher(Producer<String, byte[]> producer, EventStreamProperties stream,
                                                   @Qualifier("eventSerializer") Serializer events, ObjectMapper json,
                                                   JdbcTemplate jdbc, MeterRegistry meters,
                                                   PersonalDataReveal personalData) {
        return new KafkaEventPublisher(producer, stream.topic(), new StreamRecords(events, json, personalData),
                new EventPositions(jdbc), meters.counter("ledger.stream.published"));
    }

    /**
     * From the tail, not the head: a consumer that starts with the stream gets the whole ledger. Axon's transaction
     * manager stays, so a batch Kafka did not confirm leaves the stored position where it was.
     */
    @Bean
    public ConfigurerModule eventStreamProcessor(EventStreamProperties stream, ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(KafkaEventPublisher.NAME,
                        c -> c.eventStore(),
                        (c, builder) -> builder.initialToken(StreamableMessageSource::createTailToken)
                                               .initialSegmentCount(stream.segments())
                                               .batchSize(stream.batchSize()))
                .registerErrorHandler(KafkaEventPublisher.NAME, c -> failures.handlerFor(KafkaEventPublisher.NAME));
    }
}
