package io.tokenledger.app.ledger;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer answer.
 *
 * @param next the cursor for the following page ({@code after=…}), or null on the last page
 */
public record Page<T>(List<T> items, String next) {

    static <T> Page<T> of(List<T> items, int limit, Function<T, Long> position) {
        return new Page<>(items, items.size() < limit ? null : String.valueOf(position.apply(items.get(items.size() - 1))));
    }
}
