package io.tokenledger.projections.rebuild;

/**
 * What a deployment prunes from the read tables by age. A rebuild replays every event, so it brings pruned rows
 * back; the rebuilder asks for them to be pruned again from the table it filled, before that table goes live.
 */
public interface RowRetention {

    /** Prunes {@code table}, as the current search path names it, if retention covers it. */
    void pruneRebuilt(String table);
}
