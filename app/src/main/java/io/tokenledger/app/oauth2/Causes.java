package io.tokenledger.app.oauth2;

import java.util.function.Predicate;

/** What a failure says once its wrappers are looked through: Spring and Axon wrap database errors in their own. */
public final class Causes {

    private Causes() {
    }

    /** Whether this failure, or one it wraps, is what {@code test} looks for. */
    public static boolean any(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The first failure of this kind among this one and those it wraps, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return kind.cast(cause);
            }
        }
        return null;
    }
}
