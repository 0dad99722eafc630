package io.tokenledger.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenledger.events.PersonalFields;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Decrypts an event's personal components as the store reads it, for every reader that reads through Axon: aggregates,
 * processors, rebuilds and the stream to Kafka see plaintext while the person's key lives, and
 * {@link PersonalFields#ERASED} once it is destroyed. Neither the type nor the revision changes, and the stored row is
 * never touched. Axon registers every upcaster bean into the chain the store reads through.
 */
@Component
public class PersonalDataUpcaster extends SingleEventUpcaster {

    private final PersonalData personalData;

    public PersonalDataUpcaster(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return !PersonalFields.of(representation.getType().getName()).isEmpty();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(representation.getType(), JsonNode.class,
                payload -> personalData.revealPayload(representation.getType().getName(), payload));
    }
}
