package io.tokenledger.app.privacy;

import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.projections.integrity.sealing.BeforeSealing;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Encrypts an event's personal data before it is sealed and stored: its {@link io.tokenledger.events.Personal}
 * components (a username, an email, a name, a revocation's note) and where its request came from (the address and
 * user agent in its metadata). All of it goes under the key of the person the event names (its {@code userId}); the
 * request context of an event that names none (a client's own token, a failed authentication) goes under the key of its
 * UTC day, destroyed {@code ledger.retention.request-context-after} after that day ends, so security records age out
 * of personal data without leaving the ledger. Every value is encrypted, whatever it looks like: a client cannot have
 * a value stored as it chose. Handlers in the command's transaction see the event as it was applied, in plaintext;
 * readers of the store see it decrypted by {@link PersonalDataUpcaster}.
 */
@Component
public class PersonalDataProtection implements BeforeSealing {

    private final PersonalDataKeys keys;
    private final Duration anonymousRetention;

    public PersonalDataProtection(PersonalDataKeys keys,
                                  @Value("${ledger.retention.request-context-after}") Duration anonymousRetention) {
        this.keys = keys;
        this.anonymousRetention = anonymousRetention;
    }

    @Override
    public List<EventMessage<?>> apply(List<? extends EventMessage<?>> events) {
        List<Owner> owners = events.stream().map(event -> isPersonal(event) ? owner(event) : null).toList();
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

    private static boolean isPersonal(EventMessage<?> event) {
        return RequestMetaData.PERSONAL.stream().anyMatch(event.getMetaData()::containsKey)
               || !PersonalFields.of(event.getPayloadType()).isEmpty();
    }

    private static EventMessage<?> protect(EventMessage<?> event, Owner owner, Optional<SecretKey> key) {
        Map<String, Object> metaData = new HashMap<>(event.getMetaData());
        for (String field : RequestMetaData.PERSONAL) {
            if (metaData.get(field) != null) {
                metaData.put(field, PersonalData.encrypt(owner.keyId(), key, metaData.get(field).toString()));
            }
        }
        if (PersonalFields.of(event.getPayloadType()).isEmpty() || !owner.isPerson()) {
            return event.withMetaData(metaData);
        }
        Object payload = EventRecords.withPersonal(event.getPayload(),
                value -> PersonalData.encrypt(owner.keyId(), key, value));
        return withPayload(event, payload, metaData);
    }

    private static EventMessage<?> withPayload(EventMessage<?> event, Object payload, Map<String, Object> metaData) {
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), payload, metaData, domain.getIdentifier(), domain.getTimestamp());
        }
        return new GenericEventMessage<>(new GenericMessage<>(event.getIdentifier(), payload, metaData),
                event::getTimestamp);
    }

    private Owner owner(EventMessage<?> event) {
        return owner(EventRecords.person(event.getPayload()), event.getTimestamp());
    }

    /** Whose key the personal data of an event naming {@code person} (or none) at {@code at} goes under. */
    Owner owner(Optional<String> person, Instant at) {
        return person.map(id -> new Owner(PersonalFields.keyOf(id), null))
                     .orElseGet(() -> anonymous(LocalDate.ofInstant(at, ZoneOffset.UTC)));
    }

    private Owner anonymous(LocalDate day) {
        return new Owner("anonymous:" + day,
                day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(anonymousRetention));
    }

    /** Whose key an event's personal data is encrypted under, and when that key is destroyed (a person's: never). */
    record Owner(String keyId, Instant destroyAfter) {

        /**
         * A day's key holds only the request context: a personal component of an event that names no person (the
         * note of a revocation of a client's own token) is not encrypted, since no erasure could ever reach it.
         */
        boolean isPerson() {
            return destroyAfter == null;
        }
    }
}
