package io.tokenledger.app.token.grants;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.commanding.ConflictRetry;
import io.tokenledger.app.commanding.GroupCommit;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.app.oidc.IdTokens;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.token.GrantHandler;
import io.tokenledger.app.token.JwtAccessTokens;
import io.tokenledger.app.token.TokenMinter;
import io.tokenledger.app.token.TokenResponses;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RedeemAuthorizationCode;
import io.tokenledger.events.grant.RedemptionOutcome;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.grant.CodeLookup;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5): the code, bound to its client, redirect URI and challenge, is
 * exchanged once. The grant aggregate decides; a replay revokes the grant (RFC 9700 §4.2.4).
 */
@Component
public class AuthorizationCodeHandler implements GrantHandler {

    private final GroupCommit commands;
    private final CodeLookup codes;
    private final TokenMinter minter;
    private final JwtAccessTokens accessTokens;
    private final IdTokens idTokens;
    private final Duration refreshTokenTtl;

    /** The account that granted it was disabled after the code was issued. */
    static final String USER_DISABLED = "the user who granted this is disabled";

    public AuthorizationCodeHandler(GroupCommit commands, CodeLookup codes, TokenMinter minter,
                                    JwtAccessTokens accessTokens, IdTokens idTokens, LedgerProperties ledger) {
        this.commands = commands;
        this.codes = codes;
        this.minter = minter;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.refreshTokenTtl = ledger.refreshTokenTtl();
    }

    @Override
    public GrantType grantType() {
        return GrantType.AUTHORIZATION_CODE;
    }

    @Override
    public ResponseEntity<String> handle(ClientRegistration client, TokenRequest request, String dpopJkt) {
        var grant = (AuthorizationCodeGrant) request.getAuthorizationGrant();
        CodeLookup.CodeGrant code = codes.byCodeHash(Secrets.sha256(grant.getAuthorizationCode().getValue()))
                                         .orElseThrow(() -> TokenResponses.invalidGrant("unknown authorization code"));
        if (code.userDisabled()) {
            throw TokenResponses.invalidGrant(USER_DISABLED);
        }
        String grantId = code.grantId();
        TokenMinter.Minted minted = minter.mint(true, client.jwtAccessTokens(), dpopJkt);
        RedeemAuthorizationCode redeem = new RedeemAuthorizationCode(grantId, client.clientId(),
                uri(grant.getRedirectionURI()), challengeOf(grant.getCodeVerifier()), client.scopes(),
                ResourceIndicators.of(request), minted.hashes(), idTokens.offer(code.scopes(), minted.issuedAt()),
                minted.issuedAt().plus(refreshTokenTtl), bindsRefresh(client, dpopJkt), minted.issuedAt(),
                Actor.client(client.clientId()));
        RedemptionOutcome outcome = ConflictRetry.send(() -> commands.sendAndWait(redeem));
        if (outcome.result() == RedemptionOutcome.Result.REDIRECT_URI_MISMATCH && grant.getRedirectionURI() == null) {
            // RFC 6749 §4.1.3: required when the authorization request had one, which here it always has.
            throw OAuth2Exception.invalidRequest("redirect_uri is required: the authorization request carried one");
        }
        if (outcome.result() == RedemptionOutcome.Result.INVALID_TARGET) {
            throw ResourceIndicators.invalid("resource was not authorized for this grant (RFC 8707 section 2.2)");
        }
        if (outcome.result() != RedemptionOutcome.Result.REDEEMED) {
            throw TokenResponses.invalidGrant(describe(outcome.result()));
        }
        return TokenResponses.issued(accessTokens.sign(minted, outcome.token(), client.clientId(), code.userId()),
                outcome.scopes(), idTokens.sign(outcome.idToken()));
    }

    /**
     * RFC 9449 §5: a public client's refresh tokens are bound to the key of its first proof, since nothing else
     * proves that the one refreshing is the one the grant was given to; a confidential client proves it by
     * authenticating.
     */
    static boolean bindsRefresh(ClientRegistration client, String dpopJkt) {
        return dpopJkt != null && client.publicClient();
    }

    /** The verifier is hashed here, so it never reaches the ledger, not even in a command. */
    private static String challengeOf(CodeVerifier verifier) {
        return verifier == null ? null : CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
    }

    private static String uri(URI redirectUri) {
        return redirectUri == null ? null : redirectUri.toString();
    }

    private static String describe(RedemptionOutcome.Result result) {
        return switch (result) {
            case REPLAYED -> "authorization code already used; tokens issued from it are revoked";
            case EXPIRED -> "authorization code expired";
            case REDIRECT_URI_MISMATCH -> "redirect_uri does not match the authorization request";
            case VERIFIER_MISMATCH -> "code_verifier missing or does not match the code_challenge";
            case SCOPES_WITHDRAWN -> "the client no longer has any of the scopes the user granted";
            case REVOKED -> "authorization code revoked";
            case DPOP_KEY_MISMATCH -> "the code is bound to another DPoP key (dpop_jkt) than the proof's";
            default -> "authorization code was not issued to this client";
        };
    }
}
