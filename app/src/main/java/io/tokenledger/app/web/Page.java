package io.tokenledger.app.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer answer.
 *
 * @param next the cursor for the following page ({@code after=…}), or null on the last page
 */
public record Page<T>(List<T> items, String next) {

    /** A full page has a next one, perhaps empty; its cursor is the last item's key. */
    public static <T> Page<T> of(List<T> items, int limit, Function<T, ?> key) {
        return new Page<>(items, items.size() < limit ? null : String.valueOf(key.apply(items.get(items.size() - 1))));
    }
}
