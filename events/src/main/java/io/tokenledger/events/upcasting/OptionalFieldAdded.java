package io.tokenledger.events.upcasting;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.function.Function;

/**
 * One revision to the next of an event that gained a field which may be absent: the stored JSON is already a
 * valid document of the new revision (the field reads as null), so only the revision it is read as changes. The
 * stored row is never touched: its seal and its link in the chain stay valid.
 */
public final class OptionalFieldAdded extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    public OptionalFieldAdded(Class<?> type, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(type.getName(), fromRevision);
        this.to = new SimpleSerializedType(type.getName(), toRevision);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, byte[].class, Function.identity());
    }
}
