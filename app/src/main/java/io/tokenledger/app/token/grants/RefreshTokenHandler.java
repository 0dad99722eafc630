package io.tokenledger.app.token.grants;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.tokenledger.app.commanding.ConflictRetry;
import io.tokenledger.app.commanding.GroupCommit;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.app.oidc.IdTokens;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.token.GrantHandler;
import io.tokenledger.app.token.JwtAccessTokens;
import io.tokenledger.app.token.TokenMinter;
import io.tokenledger.app.token.TokenResponses;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.RefreshGrant;
import io.tokenledger.events.grant.RefreshOutcome;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * RFC 6749 §6 with rotation (RFC 9700 §4.14.2): each use returns a new refresh token and retires the old one;
 * presenting a retired one revokes the grant, unless it is a retry within the retry window.
 */
@Component
public class RefreshTokenHandler implements GrantHandler {

    private final GroupCommit commands;
    private final TokenLookup tokens;
    private final TokenMinter minter;
    private final JwtAccessTokens accessTokens;
    private final UserLookup users;
    private final IdTokens idTokens;

    public RefreshTokenHandler(GroupCommit commands, TokenLookup tokens, TokenMinter minter,
                               JwtAccessTokens accessTokens, UserLookup users, IdTokens idTokens) {
        this.commands = commands;
        this.tokens = tokens;
        this.minter = minter;
        this.accessTokens = accessTokens;
        this.users = users;
        this.idTokens = idTokens;
    }

    @Override
    public GrantType grantType() {
        return GrantType.REFRESH_TOKEN;
    }

    @Override
    public ResponseEntity<String> handle(ClientRegistration client, TokenRequest request, String dpopJkt) {
        var grant = (RefreshTokenGrant) request.getAuthorizationGrant();
        TokenState presented = tokens.byRefreshTokenHash(Secrets.sha256(grant.getRefreshToken().getValue()))
                                     .filter(token -> token.grantId() != null)
                                     .orElseThrow(() -> TokenResponses.invalidGrant("unknown refresh token"));
        // Disabling revokes the user's grants one by one after it; until each is, this refuses what it would end.
        if (users.disabled(presented.userId())) {
            throw TokenResponses.invalidGrant(AuthorizationCodeHandler.USER_DISABLED);
        }
        TokenMinter.Minted minted = minter.mint(true, client.jwtAccessTokens(), dpopJkt);
        RefreshGrant refresh = new RefreshGrant(presented.grantId(), client.clientId(), presented.tokenId(),
                scopes(request.getScope()), client.scopes(), ResourceIndicators.of(request), minted.hashes(),
                idTokens.offer(presented.scopes(), minted.issuedAt()),
                AuthorizationCodeHandler.bindsRefresh(client, dpopJkt), minted.issuedAt(),
                Actor.client(client.clientId()));
        RefreshOutcome outcome = ConflictRetry.send(() -> commands.sendAndWait(refresh));
        return switch (outcome.result()) {
            case ROTATED -> TokenResponses.issued(accessTokens.sign(minted, outcome.token(), client.clientId(),
                    presented.userId()), outcome.scopes(), idTokens.sign(outcome.idToken()));
            case SCOPE_WIDENED -> throw new OAuth2Exception(OAuth2Error.INVALID_SCOPE
                    .setDescription("scope beyond what the resource owner granted"));
            case REUSED -> throw TokenResponses.invalidGrant("refresh token already used; the grant is revoked");
            case EXPIRED -> throw TokenResponses.invalidGrant("refresh token expired");
            case REVOKED -> throw TokenResponses.invalidGrant("refresh token revoked");
            case WRONG_CLIENT -> throw TokenResponses.invalidGrant("refresh token was not issued to this client");
            case INVALID_TARGET -> throw ResourceIndicators.invalid(
                    "resource beyond those the resource owner authorized (RFC 8707 section 2.2)");
            case SCOPES_WITHDRAWN -> throw TokenResponses.invalidGrant(
                    "the client no longer has any of the scopes the user granted");
            case DPOP_KEY_MISMATCH -> throw TokenResponses.invalidGrant(
                    "the refresh token is bound to another DPoP key than the proof's (RFC 9449 section 5)");
        };
    }

    private static List<String> scopes(Scope requested) {
        return requested == null ? List.of() : requested.toStringList().stream().distinct().sorted().toList();
    }
}
