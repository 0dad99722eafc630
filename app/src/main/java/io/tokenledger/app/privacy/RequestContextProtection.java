package io.tokenledger.app.privacy;

import io.tokenledger.projections.integrity.sealing.BeforeSealing;
import io.tokenledger.query.ledger.PersonalDataReveal;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Encrypts where a request came from (its address and user agent, in each event's metadata) before the event is
 * sealed and stored: under the key of the person the event names (its {@code userId}), or, for an event that names
 * none (a client's own token, a failed authentication, a revocation), under the key of its UTC day, destroyed
 * {@code ledger.retention.request-context-after} after that day ends. So security records age out of personal data
 * without leaving the ledger. Every value is encrypted, whatever it looks like: a client cannot have its user agent
 * stored as it chose.
 */
@Component
public class RequestContextProtection implements BeforeSealing {

    private static final ClassValue<Optional<RecordComponent>> PERSON = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            return type.isRecord() ? Arrays.stream(type.getRecordComponents())
                                           .filter(component -> component.getName().equals("userId")).findFirst()
                                   : Optional.empty();
        }
    };

    private final PersonalDataKeys keys;
    private final Duration anonymousRetention;

    public RequestContextProtection(PersonalDataKeys keys,
                                    @Value("${ledger.retention.request-context-after}") Duration anonymousRetention) {
        this.keys = keys;
        this.anonymousRetention = anonymousRetention;
    }

    @Override
    public List<EventMessage<?>> apply(List<? extends EventMessage<?>> events) {
        SortedMap<String, Instant> wanted = new TreeMap<>();
        events.stream().filter(RequestContextProtection::carriesContext)
              .forEach(event -> wanted.put(keyId(event), destroyAfter(event)));
        if (wanted.isEmpty()) {
            return List.copyOf(events);
        }
        Map<String, Optional<SecretKey>> known = keys.keysFor(wanted);
        return events.stream().<EventMessage<?>>map(event -> carriesContext(event)
                ? protect(event, keyId(event), known.get(keyId(event))) : event).toList();
    }

    /** Makes the key of this day's anonymous requests ahead of it, so that no request waits on its making. */
    void prepare(LocalDate day) {
        keys.keysFor(new TreeMap<>(Map.of(anonymousKey(day), destroyAfter(day))));
    }

    private static boolean carriesContext(EventMessage<?> event) {
        return PersonalDataReveal.PERSONAL_METADATA.stream().anyMatch(event.getMetaData()::containsKey);
    }

    private static EventMessage<?> protect(EventMessage<?> event, String keyId, Optional<SecretKey> key) {
        Map<String, Object> metaData = new HashMap<>(event.getMetaData());
        for (String field : PersonalDataReveal.PERSONAL_METADATA) {
            if (metaData.get(field) != null) {
                metaData.put(field, PersonalData.encrypt(keyId, key, metaData.get(field).toString()));
            }
        }
        return event.withMetaData(metaData);
    }

    private static String keyId(EventMessage<?> event) {
        return person(event.getPayload()).map(id -> "user:" + id).orElseGet(() -> anonymousKey(day(event)));
    }

    private Instant destroyAfter(EventMessage<?> event) {
        return person(event.getPayload()).isPresent() ? null : destroyAfter(day(event));
    }

    private Instant destroyAfter(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(anonymousRetention);
    }

    private static String anonymousKey(LocalDate day) {
        return "anonymous:" + day;
    }

    private static LocalDate day(EventMessage<?> event) {
        return LocalDate.ofInstant(event.getTimestamp(), ZoneOffset.UTC);
    }

    private static Optional<Object> person(Object payload) {
        return payload == null ? Optional.empty() : PERSON.get(payload.getClass()).map(component -> {
            try {
                return component.getAccessor().invoke(payload);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("an event's userId could not be read", e);
            }
        });
    }
}
