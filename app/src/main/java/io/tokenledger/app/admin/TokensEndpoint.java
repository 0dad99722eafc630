package io.tokenledger.app.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.commanding.RevocationNote;
import io.tokenledger.app.commanding.TokenRevoker;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.security.AdminActors;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Token administration, for callers holding a {@code ledger:admin} token. */
@RestController
public class TokensEndpoint {

    private final TokenLookup tokens;
    private final TokenRevoker revoker;

    public TokensEndpoint(TokenLookup tokens, TokenRevoker revoker) {
        this.tokens = tokens;
        this.revoker = revoker;
    }

    /**
     * Revokes a token by its id ({@code REVOKED_BY_ADMIN}), the whole grant when it has one, as its client could at the
     * revocation endpoint. Revoking a revoked token records nothing and says so.
     */
    @PostMapping("/admin/tokens/{tokenId}/revoke")
    public ResponseEntity<Revoked> revoke(@PathVariable String tokenId,
                                          @RequestBody(required = false) Revocation revocation,
                                          Authentication caller) {
        TokenState token = tokens.byTokenId(uuid(tokenId))
                                  .orElseThrow(() -> OAuth2Exception.notFound("no such token"));
        RevocationOutcome outcome = revoker.revokeAsAdmin(token, AdminActors.of(caller),
                note(revocation == null ? null : revocation.reason()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(new Revoked(token.tokenId(), token.grantId(), outcome));
    }

    /** The optional body: {@code {"reason": "…"}}, what the administrator writes as the reason. */
    public record Revocation(String reason) {
    }

    /** @param grantId the grant that ended with the token, or null for a token of its own */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Revoked(String tokenId, String grantId, RevocationOutcome outcome) {
    }

    private static String note(String reason) {
        try {
            return RevocationNote.of(reason);
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidRequest(e.getMessage());
        }
    }

    private static UUID uuid(String tokenId) {
        try {
            return UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidRequest("a token id is a UUID");
        }
    }
}
