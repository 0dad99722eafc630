package io.tokenledger.app.security;

/** The scopes that open the ledger's own APIs; a client holds them like any other scope (RFC 6749 §3.3). */
public final class LedgerScopes {

    /** Registering and managing clients and users, projections and revocations by hand. */
    public static final String ADMIN = "ledger:admin";
    /** The auditor's API under {@code /ledger}. */
    public static final String AUDIT = "ledger:audit";
    /** Introspecting tokens of other clients (RFC 7662 §4: the server decides who may see what). */
    public static final String INTROSPECT = "ledger:introspect";

    private LedgerScopes() {
    }

    /** The authority Spring Security grants a bearer token for a scope. */
    static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
