package io.tokenledger.app.stream;

import io.micrometer.core.instrument.Counter;
import io.tokenledger.projections.EventKey;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Hands a batch of events to Kafka as the batch commits, and lets the processor record its new position only once
 * Kafka has confirmed every one: the processor writes its position first in the same transaction, and a send that
 * failed throws here, which rolls that write back and has the processor retry the batch (failures reach health
 * through its error handler). A publisher killed between Kafka's confirmation and the commit sends the batch again
 * when its segment is claimed next: at least once; consumers drop what they have by position.
 */
@ProcessingGroup(KafkaEventPublisher.NAME)
public class KafkaEventPublisher {

    public static final String NAME = "kafka_stream";
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final StreamRecords records;
    private final EventPositions positions;
    private final Counter published;

    KafkaEventPublisher(Producer<String, byte[]> producer, String topic, StreamRecords records,
                        EventPositions positions, Counter published) {
        this.producer = producer;
        this.topic = topic;
        this.records = records;
        this.positions = positions;
        this.published = published;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        batch().add(event);
    }

    private List<EventMessage<?>> batch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH, key -> {
            List<EventMessage<?>> events = new ArrayList<>();
            batch.onPrepareCommit(u -> publish(events));
            return events;
        });
    }

    private void publish(List<EventMessage<?>> events) {
        Map<EventKey, Long> at = positions.of(events);
        // Fails within max.block.ms when Kafka cannot be reached, rather than once per event of the batch.
        producer.partitionsFor(topic);
        List<Future<RecordMetadata>> sent = events.stream()
                .map(event -> producer.send(records.of(topic, event, at.get(EventKey.of(event)))))
                .toList();
        producer.flush();
        for (Future<RecordMetadata> send : sent) {
            confirm(send);
        }
        published.increment(events.size());
    }

    private static void confirm(Future<RecordMetadata> send) {
        try {
            send.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka confirmed the stream's batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the stream's batch: " + e.getCause(), e.getCause());
        }
    }
}
