package io.tokenledger.app.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"acks", "enable.idempotence", "delivery.timeout.ms", "max.in.flight.requests.per.connection"})
    void anOperatorCannotLoosenWhatTheStreamsDeliveryRestsOn(String setting) {
        assertThatThrownBy(() -> new EventStreamProperties("kafka:9092", null, null, null, Map.of(setting, "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting);
    }

    @Test
    void otherProducerSettingsPassAndTheDefaultsHold() {
        EventStreamProperties stream = new EventStreamProperties("kafka:9092", null, null, null,
                Map.of("compression.type", "lz4", "security.protocol", "SSL"));

        assertThat(stream.topic()).isEqualTo("ledger-events");
        assertThat(stream.batchSize()).isEqualTo(500);
        assertThat(stream.producer()).containsEntry("compression.type", "lz4");
    }
}
