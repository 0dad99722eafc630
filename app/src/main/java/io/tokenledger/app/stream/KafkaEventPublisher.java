package io.tokenledger.app.stream;

import io.micrometer.core.instrument.Counter;
import io.tokenledger.projections.ProcessorFailures;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Hands every event to Kafka as it reads the ledger, and lets the processor record its new position only once Kafka
 * has confirmed the whole batch: a publisher killed between the two sends the batch again when its segment is
 * claimed next (at least once; consumers drop what they have by position).
 */
@ProcessingGroup(KafkaEventPublisher.NAME)
public class KafkaEventPublisher {

    public static final String NAME = "kafka_stream";
    private static final String SENT = KafkaEventPublisher.class.getName() + ".sent";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final StreamRecords records;
    private final Counter published;
    private final ProcessorFailures failures;

    KafkaEventPublisher(Producer<String, byte[]> producer, String topic, StreamRecords records, Counter published,
                        ProcessorFailures failures) {
        this.producer = producer;
        this.topic = topic;
        this.records = records;
        this.published = published;
        this.failures = failures;
    }

    @EventHandler
    void on(EventMessage<?> event, TrackingToken token) {
        long position = token.position().orElseThrow(() -> new IllegalStateException("an event with no position"));
        sentInThisBatch().add(producer.send(records.of(topic, event, position)));
    }

    /**
     * The batch's sends, confirmed as it commits. The processor writes its position first in the same transaction;
     * a send that failed throws here, which rolls that write back and has the processor retry the batch.
     */
    private List<Future<RecordMetadata>> sentInThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(SENT, key -> {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            batch.onPrepareCommit(u -> confirm(sent));
            return sent;
        });
    }

    private void confirm(List<Future<RecordMetadata>> sent) {
        producer.flush();
        for (Future<RecordMetadata> send : sent) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Kafka confirmed the stream's batch", e);
            } catch (ExecutionException e) {
                // Thrown while the batch commits, past the processor's error handler: health learns of it here.
                failures.failed(NAME);
                throw new IllegalStateException("Kafka did not take the stream's batch: " + e.getCause(), e.getCause());
            }
        }
        published.increment(sent.size());
    }
}
