package io.tokenledger.events;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which components of an event are {@link Personal}, and whose they are: for writers and readers of the ledger. */
public final class PersonalFields {

    /** What a personal value reads as once its person's key was destroyed. */
    public static final String ERASED = "[erased]";
    /** The component that names the person an event's personal data belongs to. */
    public static final String OWNER = "userId";
    /** How a value encrypted under a key begins: {@code enc:v1:<key id>:<nonce and ciphertext>}. */
    public static final String ENCRYPTED = "enc:v1:";

    private static final ClassValue<List<String>> BY_CLASS = new ClassValue<>() {
        @Override
        protected List<String> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            List<String> personal = Arrays.stream(type.getRecordComponents())
                                          .filter(component -> component.isAnnotationPresent(Personal.class))
                                          .map(RecordComponent::getName).toList();
            if (!personal.isEmpty() && Arrays.stream(type.getRecordComponents())
                                             .noneMatch(component -> component.getName().equals(OWNER))) {
                throw new IllegalStateException(type.getName() + " holds personal data but names no " + OWNER);
            }
            return personal;
        }
    };
    private static final Map<String, List<String>> BY_NAME = new ConcurrentHashMap<>();

    private PersonalFields() {
    }

    /** The names of the event type's personal components, in declaration order; none for any other type. */
    public static List<String> of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** The id of the key a person's data is encrypted under: {@code user:<user id>}. */
    public static String keyOf(String userId) {
        return "user:" + userId;
    }

    /**
     * Whether a stored personal value is encrypted under this person's key: only then is it theirs to decrypt. Any
     * other value (written before encryption, or one that merely looks encrypted, stored where no person was named)
     * reads as it was written.
     */
    public static boolean encryptedFor(String stored, String userId) {
        return stored != null && userId != null && stored.startsWith(ENCRYPTED + keyOf(userId) + ":");
    }

    /** As {@link #of(Class)}, by the type's stored name; none for a name that is not a class of this language. */
    public static List<String> of(String typeName) {
        return typeName == null ? List.of() : BY_NAME.computeIfAbsent(typeName, PersonalFields::load);
    }

    private static List<String> load(String typeName) {
        try {
            return of(Class.forName(typeName, false, PersonalFields.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return List.of();
        }
    }
}
