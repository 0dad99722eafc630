package io.tokenledger.app.privacy;

import io.tokenledger.events.PersonalFields;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The person an event names, and a copy of it with its personal components changed: by the records' own accessors. */
final class EventRecords {

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private EventRecords() {
    }

    /** The {@code userId} an event names, if its type has one and it is set. */
    static Optional<String> person(Object payload) {
        if (payload == null) {
            return Optional.empty();
        }
        Shape shape = SHAPES.get(payload.getClass());
        return shape.owner() < 0 ? Optional.empty()
                                 : Optional.ofNullable(Shape.invoke(shape.accessors().get(shape.owner()), payload))
                                           .map(Object::toString);
    }

    /** The event with each personal component that is set replaced by {@code change} of it. */
    static Object withPersonal(Object payload, UnaryOperator<String> change) {
        Shape shape = SHAPES.get(payload.getClass());
        Object[] values = shape.values(payload);
        for (int index : shape.personal()) {
            if (values[index] != null) {
                values[index] = change.apply((String) values[index]);
            }
        }
        return shape.construct(values);
    }

    /**
     * A record type's accessors, canonical constructor, and which components are its owner and personal data.
     *
     * @param owner the index of {@code userId}, or -1
     */
    private record Shape(List<MethodHandle> accessors, MethodHandle constructor, int owner, int[] personal) {

        static Shape of(Class<?> type) {
            if (!type.isRecord()) {
                return new Shape(List.of(), null, -1, new int[0]);
            }
            RecordComponent[] components = type.getRecordComponents();
            List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
            List<String> personal = PersonalFields.of(type);
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                List<MethodHandle> accessors = Arrays.stream(components).map(c -> unreflect(lookup, c)).toList();
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class,
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)));
                return new Shape(accessors, constructor, names.indexOf(PersonalFields.OWNER),
                        personal.stream().mapToInt(names::indexOf).toArray());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " is not a public record", e);
            }
        }

        private static MethodHandle unreflect(MethodHandles.Lookup lookup, RecordComponent component) {
            try {
                return lookup.unreflect(component.getAccessor());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(component + " cannot be read", e);
            }
        }

        Object[] values(Object payload) {
            Object[] values = new Object[accessors.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = invoke(accessors.get(i), payload);
            }
            return values;
        }

        Object construct(Object[] values) {
            try {
                return constructor.invokeWithArguments(values);
            } catch (Throwable e) {
                throw new IllegalStateException("an event could not be copied with its personal data encrypted", e);
            }
        }

        private static Object invoke(MethodHandle accessor, Object payload) {
            try {
                return accessor.invoke(payload);
            } catch (Throwable e) {
                throw new IllegalStateException("an event's component could not be read", e);
            }
        }
    }
}
