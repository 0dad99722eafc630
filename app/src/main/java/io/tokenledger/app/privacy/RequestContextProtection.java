package io.tokenledger.app.privacy;

import io.tokenledger.events.RequestMetaData;
import io.tokenledger.projections.integrity.sealing.BeforeSealing;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        List<Owner> owners = events.stream().map(event -> carriesContext(event) ? owner(event) : null).toList();
        SortedMap<String, Instant> wanted = new TreeMap<>();
        owners.stream().filter(Objects::nonNull).forEach(owner -> wanted.put(owner.keyId(), owner.destroyAfter()));
        if (wanted.isEmpty()) {
            return List.copyOf(events);
        }
        Map<String, Optional<SecretKey>> known = keys.keysFor(wanted);
        List<EventMessage<?>> protectedEvents = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Owner owner = owners.get(i);
            EventMessage<?> event = events.get(i);
            protectedEvents.add(owner == null ? event : protect(event, owner, known.get(owner.keyId())));
        }
        return protectedEvents;
    }

    /** Makes the key of this day's anonymous requests ahead of it, so that no request waits on its making. */
    void prepare(LocalDate day) {
        Owner owner = anonymous(day);
        keys.keysFor(new TreeMap<>(Map.of(owner.keyId(), owner.destroyAfter())));
    }

    private static boolean carriesContext(EventMessage<?> event) {
        return RequestMetaData.PERSONAL.stream().anyMatch(event.getMetaData()::containsKey);
    }

    private static EventMessage<?> protect(EventMessage<?> event, Owner owner, Optional<SecretKey> key) {
        Map<String, Object> metaData = new HashMap<>(event.getMetaData());
        for (String field : RequestMetaData.PERSONAL) {
            if (metaData.get(field) != null) {
                metaData.put(field, PersonalData.encrypt(owner.keyId(), key, metaData.get(field).toString()));
            }
        }
        return event.withMetaData(metaData);
    }

    private Owner owner(EventMessage<?> event) {
        return person(event.getPayload()).map(id -> new Owner("user:" + id, null))
                                         .orElseGet(() -> anonymous(day(event)));
    }

    private Owner anonymous(LocalDate day) {
        return new Owner("anonymous:" + day,
                day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(anonymousRetention));
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

    /** Whose key an event's request context is encrypted under, and when that key is destroyed (a person's: never). */
    private record Owner(String keyId, Instant destroyAfter) {
    }
}
