package io.tokenledger.app.security;

import io.tokenledger.events.user.UserRole;

import java.util.Collection;

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

    /**
     * Whether a token a client holds for a user may use this scope: the ledger's admin and audit scopes need the
     * user's role, whatever the client was registered with; every other scope is the client's to hold.
     */
    public static boolean openedFor(String scope, Collection<UserRole> roles) {
        return switch (scope) {
            case ADMIN -> roles.contains(UserRole.ADMIN);
            case AUDIT -> roles.contains(UserRole.ADMIN) || roles.contains(UserRole.AUDITOR);
            default -> true;
        };
    }

    /** The authority Spring Security grants a bearer token for a scope. */
    static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
