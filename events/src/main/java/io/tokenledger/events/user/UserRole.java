package io.tokenledger.events.user;

/**
 * What a user may do with the ledger's own APIs when a client acts for them. A role lets a user's token use the
 * ledger scope it names; without it the scope opens nothing, whatever the client asked for.
 */
public enum UserRole {
    /** Reads the ledger: histories, the audit log, verification ({@code ledger:audit}). */
    AUDITOR,
    /** Manages clients, users, keys, projections and revocations, and reads what an auditor reads. */
    ADMIN
}
