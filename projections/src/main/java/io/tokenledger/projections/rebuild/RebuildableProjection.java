package io.tokenledger.projections.rebuild;

import java.util.List;

/**
 * A projection that can be rebuilt from the event store: its handler bean, the table it keeps, that table's key, and
 * the other columns its handlers find rows by. A rebuild indexes only those in the table it fills.
 */
public record RebuildableProjection(String name, Object handler, String table, String key, List<String> lookups) {

    public RebuildableProjection(String name, Object handler, String table, String key) {
        this(name, handler, table, key, List.of());
    }
}
