package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.Responses;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** The successful token response (RFC 6749 §5.1), and the one refusal every grant shares. */
public final class TokenResponses {

    private TokenResponses() {
    }

    public static ResponseEntity<String> issued(TokenMinter.Minted minted, List<String> scopes) {
        return Responses.of(new AccessTokenResponse(tokens(minted, scopes, null)).toHTTPResponse());
    }

    /** RFC 8693 §2.2.1: an access token obtained by exchange, its {@code issued_token_type} stated. */
    public static ResponseEntity<String> exchanged(TokenMinter.Minted minted, List<String> scopes) {
        return Responses.of(new AccessTokenResponse(tokens(minted, scopes, TokenTypeURI.ACCESS_TOKEN))
                .toHTTPResponse());
    }

    /** OpenID Connect Core §3.1.3.3: the same response with the ID token beside the access token. */
    public static ResponseEntity<String> issued(TokenMinter.Minted minted, List<String> scopes, String idToken) {
        if (idToken == null) {
            return issued(minted, scopes);
        }
        Tokens tokens = tokens(minted, scopes, null);
        return Responses.of(new OIDCTokenResponse(new OIDCTokens(idToken, tokens.getAccessToken(),
                tokens.getRefreshToken())).toHTTPResponse());
    }

    private static Tokens tokens(TokenMinter.Minted minted, List<String> scopes, TokenTypeURI issuedType) {
        long lifetime = minted.lifetime().toSeconds();
        AccessToken access = minted.dpopJkt() == null
                ? new BearerAccessToken(minted.accessToken(), lifetime, Scope.parse(scopes), issuedType)
                : new DPoPAccessToken(minted.accessToken(), lifetime, Scope.parse(scopes), issuedType);
        RefreshToken refresh = minted.refreshToken() == null ? null : new RefreshToken(minted.refreshToken());
        return new Tokens(access, refresh);
    }

    /** RFC 6749 §5.2 invalid_grant, whose description never says which check failed beyond what the client knows. */
    public static OAuth2Exception invalidGrant(String description) {
        return new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription(description));
    }
}
