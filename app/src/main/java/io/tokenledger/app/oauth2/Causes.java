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
}
