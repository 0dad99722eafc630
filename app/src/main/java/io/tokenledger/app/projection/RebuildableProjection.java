package io.tokenledger.app.projection;

/**
 * A projection that can be rebuilt from the event store: its handler bean, the table it keeps, and that table's key.
 */
public record RebuildableProjection(String name, Object handler, String table, String key) {
}
