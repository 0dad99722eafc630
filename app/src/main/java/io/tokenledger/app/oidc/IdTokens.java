package io.tokenledger.app.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.key.JwtSigner;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.events.grant.IdTokenIssued;
import io.tokenledger.events.grant.NewIdToken;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * ID tokens (OpenID Connect Core §2): offered to the grant before it decides, signed afterwards exactly as the grant
 * recorded them in {@link IdTokenIssued}, so the ledger holds every claim of every ID token it issued.
 */
@Component
public class IdTokens {

    public static final String OPENID = "openid";

    private final JwtSigner signer;
    private final IssuerResolver issuer;
    private final Duration ttl;

    public IdTokens(JwtSigner signer, IssuerResolver issuer, OidcProperties settings) {
        this.signer = signer;
        this.issuer = issuer;
        this.ttl = settings.idTokenTtl();
    }

    /**
     * The ID token offered with a token of these scopes, issued at this instant: one signed by the active key when
     * they hold {@code openid}, else none. 503 when this node cannot sign, before the grant records anything.
     */
    public NewIdToken offer(List<String> scopes, Instant issuedAt) {
        if (!scopes.contains(OPENID)) {
            return null;
        }
        return new NewIdToken(TimeOrderedIds.next(), signer.activeKid(), issuer.issuer(), issuedAt.plus(ttl));
    }

    /** The ID token the grant recorded, signed; null when it recorded none. */
    public String sign(IdTokenIssued issued) {
        if (issued == null) {
            return null;
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issued.issuer())
                .subject(issued.userId())
                .audience(issued.clientId())
                .expirationTime(Date.from(issued.expiresAt()))
                .issueTime(Date.from(issued.issuedAt()))
                .jwtID(issued.idTokenId())
                .claim("auth_time", issued.authentication().time().getEpochSecond())
                .claim("amr", issued.authentication().methods());
        if (issued.atHash() != null) {
            claims.claim("at_hash", issued.atHash());
        }
        if (issued.nonce() != null) {
            claims.claim("nonce", issued.nonce());
        }
        if (issued.authentication().sessionId() != null) {
            claims.claim("sid", issued.authentication().sessionId());
        }
        return signer.sign(issued.keyId(), JOSEObjectType.JWT, claims.build());
    }
}
