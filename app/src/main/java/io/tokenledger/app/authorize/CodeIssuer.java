package io.tokenledger.app.authorize;

import io.tokenledger.app.commanding.GroupCommit;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.security.LedgerScopes;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.grant.IssueAuthorizationCode;
import io.tokenledger.events.par.UsePushedAuthorizationRequest;
import io.tokenledger.events.user.UserRole;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Starts a grant with a fresh authorization code; only the code's hash reaches the ledger. */
@Component
public class CodeIssuer {

    private final GroupCommit commands;
    private final Clock clock;
    private final Duration codeTtl;
    private final UserLookup users;

    public CodeIssuer(GroupCommit commands, Clock clock, LedgerProperties ledger, UserLookup users) {
        this.commands = commands;
        this.clock = clock;
        this.codeTtl = ledger.codeTtl();
        this.users = users;
    }

    /** @param authentication the sign-in the code's ID tokens will state: the form's just now, or a session's */
    public String issue(AuthorizationRequest request, String userId, Authentication authentication) {
        String code = Secrets.generate();
        Instant now = clock.instant();
        String grantId = TimeOrderedIds.next();
        if (request.requestUri() != null) {
            use(request, grantId, now, userId);
        }
        commands.sendAndWait(new IssueAuthorizationCode(grantId, request.client().clientId(),
                userId, Secrets.sha256(code), request.redirectUri().toString(), grantable(request.scopes(), userId),
                request.resources(), request.codeChallenge(), "S256", now, now.plus(codeTtl), request.nonce(),
                authentication, request.dpopJkt(), Actor.user(userId)));
        return code;
    }

    /**
     * The ledger's own scopes only as far as the user's roles open them (RFC 6749 §3.3: the server may grant fewer
     * scopes than asked, and the token response says which), so a token's scope tells its client what the user may
     * do; the ledger's APIs check the roles again on every request.
     */
    private List<String> grantable(List<String> scopes, String userId) {
        Set<UserRole> roles = users.byUserId(userId).map(UserAccount::roles).orElse(Set.of());
        return scopes.stream().filter(scope -> LedgerScopes.openedFor(scope, roles)).toList();
    }

    /**
     * A pushed request issues one code (RFC 9126 §4): of two browsers racing with it, or a reload after its code,
     * only the first gets one.
     */
    private void use(AuthorizationRequest request, String grantId, Instant now, String userId) {
        boolean used = commands.sendAndWait(new UsePushedAuthorizationRequest(
                PushedRequests.requestId(request.requestUri()), request.client().clientId(), grantId, now,
                Actor.user(userId)));
        if (!used) {
            throw AuthorizationError.page("request_uri was used already or has expired; start again");
        }
    }
}
