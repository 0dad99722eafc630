package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.consent.Consents;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.security.AdminActors;
import io.tokenledger.query.consent.Consent;
import io.tokenledger.query.consent.ConsentLookup;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * A user's consents to third-party clients, for callers holding a {@code ledger:admin} token: what each client is
 * allowed now, and revocation, which also ends the grants the consent covered.
 */
@RestController
public class ConsentsEndpoint {

    private final UserLookup users;
    private final ConsentLookup lookup;
    private final Consents consents;

    public ConsentsEndpoint(UserLookup users, ConsentLookup lookup, Consents consents) {
        this.users = users;
        this.lookup = lookup;
        this.consents = consents;
    }

    @GetMapping("/admin/users/{userId}/consents")
    public ResponseEntity<UserConsents> list(@PathVariable String userId) {
        requireUser(userId);
        List<ConsentView> views = lookup.ofUser(userId).stream().map(ConsentView::of).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new UserConsents(userId, views));
    }

    /** Revoking a consent that allows nothing says so and records nothing, but still ends any grant left live. */
    @DeleteMapping("/admin/users/{userId}/consents/{clientId}")
    public ResponseEntity<Consents.Revoked> revoke(@PathVariable String userId, @PathVariable String clientId,
                                                   Authentication caller) {
        requireUser(userId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(consents.revoke(userId, clientId, AdminActors.of(caller)));
    }

    private void requireUser(String userId) {
        if (users.byUserId(userId).isEmpty()) {
            throw OAuth2Exception.notFound("no such user");
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserConsents(String userId, List<ConsentView> consents) {
    }

    /** @param scope the scopes allowed, space-separated as RFC 6749 §3.3 writes them */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConsentView(String clientId, String clientName, String scope, Instant grantedAt) {

        static ConsentView of(Consent consent) {
            return new ConsentView(consent.clientId(), consent.clientName(), String.join(" ", consent.scopes()),
                    consent.grantedAt());
        }
    }
}
