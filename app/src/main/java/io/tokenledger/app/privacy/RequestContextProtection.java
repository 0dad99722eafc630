package io.tokenledger.app.privacy;

import io.tokenledger.app.commanding.RequestContext;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

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
import java.util.function.UnaryOperator;

/**
 * Encrypts where a request came from (its address and user agent, in each event's metadata) before the event is
 * sealed and stored: under the key of the person the event is about (its {@code userId}), or, for a request no person
 * is known for (a client's own token, a failed authentication), under the key of its UTC day, which is destroyed
 * {@code ledger.retention.request-context-after} after that day ends. So security records age out of personal data
 * without leaving the ledger, and erasing a person erases where their requests came from.
 */
@Component
public class RequestContextProtection implements UnaryOperator<EventMessage<?>> {

    static final List<String> PERSONAL = List.of(RequestContext.REMOTE_ADDRESS, RequestContext.USER_AGENT);
    private static final ClassValue<Optional<RecordComponent>> PERSON = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            return type.isRecord() ? Arrays.stream(type.getRecordComponents())
                                           .filter(component -> component.getName().equals("userId")).findFirst()
                                   : Optional.empty();
        }
    };

    private final PersonalData personalData;
    private final Duration anonymousRetention;

    public RequestContextProtection(PersonalData personalData,
                                    @Value("${ledger.retention.request-context-after}") Duration anonymousRetention) {
        this.personalData = personalData;
        this.anonymousRetention = anonymousRetention;
    }

    /** The key of a person's data. */
    public static String personKey(Object userId) {
        return "user:" + userId;
    }

    @Override
    public EventMessage<?> apply(EventMessage<?> event) {
        Map<String, Object> metaData = new HashMap<>(event.getMetaData());
        List<String> present = PERSONAL.stream().filter(field -> metaData.get(field) instanceof String value
                                                                 && !PersonalData.encrypted(value)).toList();
        if (present.isEmpty()) {
            return event;
        }
        Optional<Object> person = person(event.getPayload());
        String keyId = person.map(RequestContextProtection::personKey).orElseGet(() -> anonymousKey(event));
        Instant destroyAfter = person.isPresent() ? null : destroyAfter(event);
        present.forEach(field -> metaData.put(field, personalData.encrypt(keyId, destroyAfter,
                (String) metaData.get(field))));
        return event.withMetaData(metaData);
    }

    private static String anonymousKey(EventMessage<?> event) {
        return "anonymous:" + day(event);
    }

    private Instant destroyAfter(EventMessage<?> event) {
        return day(event).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(anonymousRetention);
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
