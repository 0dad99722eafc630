package io.tokenledger.app.token;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tokenledger.app.key.JwtSigner;
import io.tokenledger.app.key.PresentedTokens;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.events.grant.GrantToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * JWT access tokens (RFC 9068), signed after the ledger recorded them and from nothing but what it recorded: the key
 * ({@code keyId}), the client, the user, the scopes, the audience and the times. Their {@code jti} is the ledger's
 * token id, by which introspection and revocation find them once the signature is checked.
 */
@Component
public class JwtAccessTokens {

    private final JwtSigner signer;
    private final IssuerResolver issuer;

    public JwtAccessTokens(JwtSigner signer, IssuerResolver issuer) {
        this.signer = signer;
        this.issuer = issuer;
    }

    /** A token the grant recorded; an opaque one is returned as it is. */
    public TokenMinter.Minted sign(TokenMinter.Minted minted, GrantToken recorded, String clientId, String userId) {
        return sign(minted, new Recorded(clientId, userId, recorded.scopes(), recorded.audience(),
                recorded.issuedAt(), recorded.expiresAt(), null));
    }

    /** A client's own token (client credentials), recorded with these scopes and audience. */
    public TokenMinter.Minted sign(TokenMinter.Minted minted, String clientId, List<String> scopes,
                                   List<String> audience) {
        return sign(minted, new Recorded(clientId, null, scopes, audience, minted.issuedAt(), minted.expiresAt(),
                null));
    }

    /**
     * A token obtained by exchange (RFC 8693) for a user; {@code actor}, when an actor token was presented, is the
     * subject of that token, stated as the {@code act} claim (§4.1).
     */
    public TokenMinter.Minted signExchanged(TokenMinter.Minted minted, String clientId, String userId,
                                            List<String> scopes, List<String> audience, String actor) {
        return sign(minted, new Recorded(clientId, userId, scopes, audience, minted.issuedAt(), minted.expiresAt(),
                actor));
    }

    /**
     * RFC 9068 §2.2: {@code aud} is the resources the token was issued for (RFC 8707), or the client when none was
     * named, as Spring Authorization Server does; {@code sub} the user, or the client acting for itself.
     */
    private TokenMinter.Minted sign(TokenMinter.Minted minted, Recorded token) {
        if (!minted.jwt()) {
            return minted;
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .subject(token.userId() == null ? token.clientId() : token.userId())
                .audience(token.audience() == null || token.audience().isEmpty()
                        ? List.of(token.clientId()) : token.audience())
                .expirationTime(Date.from(token.expiresAt()))
                .issueTime(Date.from(token.issuedAt()))
                .jwtID(minted.tokenId())
                .claim("client_id", token.clientId())
                .claim("scope", String.join(" ", token.scopes()));
        if (minted.dpopJkt() != null) {
            // RFC 9449 §6.1: the confirmation a resource server checks the proof's key against.
            claims.claim("cnf", Map.of("jkt", minted.dpopJkt()));
        }
        if (token.actor() != null) {
            claims.claim("act", Map.of("sub", token.actor()));
        }
        return minted.signed(signer.sign(minted.keyId(), PresentedTokens.AT_JWT, claims.build()));
    }

    private record Recorded(String clientId, String userId, List<String> scopes, List<String> audience,
                            Instant issuedAt, Instant expiresAt, String actor) {
    }
}
