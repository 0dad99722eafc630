package io.tokenledger.app.config;

/** Which half of the work a node does ({@code LEDGER_ROLE}); beyond one machine, run more nodes of either. */
public enum Role {
    /** Both halves: the default, for a single node. */
    ALL,
    /** The OAuth2 write paths (token, revoke, authorize, register) and the admin API: it handles commands. */
    COMMAND,
    /** Introspection and the ledger API, and the asynchronous projections (audit log, hash chain). */
    QUERY;

    public boolean handlesCommands() {
        return this != QUERY;
    }

    public boolean runsStreamingProjections() {
        return this != COMMAND;
    }

    /** Serves introspection and the ledger API, which may read a streaming replica. */
    public boolean servesQueries() {
        return this != COMMAND;
    }
}
