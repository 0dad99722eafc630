package io.tokenledger.query.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ledger's events as the published language's records, as far as they were recorded by an instant. */
@Component
public class RecordedEvents {

    private static final String EVENTS = "io.tokenledger.events.";

    private final EventLedger ledger;
    private final ObjectMapper json;

    public RecordedEvents(EventLedger ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    /** One stream's events recorded by {@code at}, oldest first; empty for a stream that does not exist. */
    public List<Object> stream(String aggregateId, Instant at) {
        return upTo(ledger.streams(List.of(aggregateId)), at);
    }

    public List<Object> upTo(List<LedgerEvent> events, Instant at) {
        return events.stream().filter(e -> !e.recordedAt().isAfter(at)).map(this::read).toList();
    }

    /** Several streams' events recorded by {@code at}, each stream's oldest first, by stream id. */
    public Map<String, List<Object>> byStream(List<LedgerEvent> events, Instant at) {
        Map<String, List<Object>> streams = new HashMap<>();
        events.stream().filter(e -> !e.recordedAt().isAfter(at)).forEach(event -> streams.computeIfAbsent(
                event.aggregateId(), id -> new ArrayList<>()).add(read(event)));
        return streams;
    }

    private Object read(LedgerEvent event) {
        if (!event.type().startsWith(EVENTS)) {
            throw new IllegalStateException("not an event of this ledger: " + event.type());
        }
        try {
            return json.treeToValue(event.payload(), Class.forName(event.type()));
        } catch (ClassNotFoundException | JsonProcessingException e) {
            throw new IllegalStateException("unreadable event at position " + event.position(), e);
        }
    }
}
