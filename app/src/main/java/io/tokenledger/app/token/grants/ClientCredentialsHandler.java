package io.tokenledger.app.token.grants;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import io.tokenledger.app.commanding.GroupCommit;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.app.oauth2.ScopePolicy;
import io.tokenledger.app.token.GrantHandler;
import io.tokenledger.app.token.JwtAccessTokens;
import io.tokenledger.app.token.TokenMinter;
import io.tokenledger.app.token.TokenResponses;
import io.tokenledger.events.token.IssueToken;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.List;

/** RFC 6749 §4.4: a client acting on its own behalf; no refresh token (§4.4.3). */
@Component
public class ClientCredentialsHandler implements GrantHandler {

    private final GroupCommit commands;
    private final TokenMinter minter;
    private final JwtAccessTokens accessTokens;

    public ClientCredentialsHandler(GroupCommit commands, TokenMinter minter, JwtAccessTokens accessTokens) {
        this.commands = commands;
        this.minter = minter;
        this.accessTokens = accessTokens;
    }

    @Override
    public GrantType grantType() {
        return GrantType.CLIENT_CREDENTIALS;
    }

    @Override
    public ResponseEntity<String> handle(ClientRegistration client, TokenRequest request, String dpopJkt) {
        List<String> scopes = ScopePolicy.clientMay(request.getScope(), client.scopes());
        TokenMinter.Minted minted = minter.mint(false, client.jwtAccessTokens(), dpopJkt);
        List<String> audience = ResourceIndicators.of(request);
        commands.sendAndWait(IssueToken.clientCredentials(minted.tokenId(), client.clientId(), scopes, audience,
                minted.hashes().accessTokenHash(), minted.issuedAt(), minted.expiresAt(), minted.keyId(),
                minted.dpopJkt()));
        return TokenResponses.issued(accessTokens.sign(minted, client.clientId(), scopes, audience), scopes);
    }
}
