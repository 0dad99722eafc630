package io.tokenledger.app.token.grants;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.tokenledger.app.commanding.GroupCommit;
import io.tokenledger.app.key.PresentedTokens;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.app.oauth2.ScopePolicy;
import io.tokenledger.app.token.GrantHandler;
import io.tokenledger.app.token.JwtAccessTokens;
import io.tokenledger.app.token.TokenMinter;
import io.tokenledger.app.token.TokenResponses;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.events.token.ExchangedFrom;
import io.tokenledger.events.token.IssueToken;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RFC 8693 token exchange: a client presents an access token of this server that acts for a user (the subject
 * token, and optionally its own token as the actor) and receives an access token for the same user that can only be
 * narrower: scopes within the subject token's and its own, no later expiry than the subject token's, and an audience
 * within the subject token's (any, for a token not restricted to some), or one its registration names in
 * {@code token_exchange_audiences}. A disabled user's token is not exchanged. The
 * new token's {@code TokenIssued} names the tokens it was exchanged for.
 */
@Component
public class TokenExchangeHandler implements GrantHandler {

    private static final Set<TokenTypeURI> PRESENTABLE = Set.of(TokenTypeURI.ACCESS_TOKEN, TokenTypeURI.JWT);

    private final GroupCommit commands;
    private final TokenMinter minter;
    private final JwtAccessTokens accessTokens;
    private final PresentedTokens presented;
    private final TokenLookup tokens;
    private final UserLookup users;
    private final Clock clock;

    public TokenExchangeHandler(GroupCommit commands, TokenMinter minter, JwtAccessTokens accessTokens,
                                PresentedTokens presented, TokenLookup tokens, UserLookup users, Clock clock) {
        this.commands = commands;
        this.minter = minter;
        this.accessTokens = accessTokens;
        this.presented = presented;
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public GrantType grantType() {
        return GrantType.TOKEN_EXCHANGE;
    }

    @Override
    public ResponseEntity<String> handle(ClientRegistration client, TokenRequest request, String dpopJkt) {
        TokenExchangeGrant grant = (TokenExchangeGrant) request.getAuthorizationGrant();
        if (grant.getRequestedTokenType() != null && !TokenTypeURI.ACCESS_TOKEN.equals(grant.getRequestedTokenType())) {
            throw OAuth2Exception.invalidRequest("requested_token_type: only " + TokenTypeURI.ACCESS_TOKEN
                                                 + " is issued");
        }
        Instant now = clock.instant();
        TokenState subject = subject(grant, dpopJkt, now);
        TokenState actor = actor(grant, client, now);
        List<String> scopes = scopes(request, subject, client);
        List<String> audience = audience(request, grant, subject, client.tokenExchange());
        TokenMinter.Minted minted = minter.mint(false, client.jwtAccessTokens(), dpopJkt).notAfter(subject.expiresAt());
        TokenExchangePolicy policy = client.tokenExchange();
        commands.sendAndWait(new IssueToken(minted.tokenId(), client.clientId(), subject.userId(),
                GrantType.TOKEN_EXCHANGE.getValue(), scopes, audience, minted.hashes().accessTokenHash(), null,
                minted.issuedAt(), minted.expiresAt(), minted.keyId(), minted.dpopJkt(),
                new ExchangedFrom(subject.tokenId(), actor == null ? null : actor.tokenId(),
                        policy.revokedWithSubject()), Actor.client(client.clientId())));
        String actorSubject = actor == null ? null : actor.userId() == null ? actor.clientId() : actor.userId();
        return TokenResponses.exchanged(accessTokens.signExchanged(minted, client.clientId(), subject.userId(), scopes,
                audience, actorSubject), scopes);
    }

    /**
     * §2.1: the token whose user the new one acts for. A client's own token (client credentials) acts for no user
     * and is not exchanged; a DPoP-bound one only with a proof of its key (RFC 9449 §7), which then binds the new one.
     */
    private TokenState subject(TokenExchangeGrant grant, String dpopJkt, Instant now) {
        TokenState subject = active(grant.getSubjectToken(), grant.getSubjectTokenType(), "subject_token", now);
        if (subject.userId() == null) {
            throw OAuth2Exception.invalidRequest("the subject_token acts for no user: a client's own token is not "
                                                 + "exchanged");
        }
        if (users.byUserId(subject.userId()).filter(user -> !user.disabled()).isEmpty()) {
            throw OAuth2Exception.invalidRequest("the subject_token's user is disabled");
        }
        if (subject.dpopJkt() != null && !subject.dpopJkt().equals(dpopJkt)) {
            throw OAuth2Exception.invalidRequest("the subject_token is DPoP-bound: send a DPoP proof of its key");
        }
        return subject;
    }

    /** §4.1: the party acting for the subject, which must be the caller itself, shown by a token of its own. */
    private TokenState actor(TokenExchangeGrant grant, ClientRegistration client, Instant now) {
        if (grant.getActorToken() == null) {
            return null;
        }
        TokenState actor = active(grant.getActorToken(), grant.getActorTokenType(), "actor_token", now);
        if (!actor.clientId().equals(client.clientId())) {
            throw OAuth2Exception.invalidRequest("the actor_token must be one of the caller's own tokens");
        }
        return actor;
    }

    /** §2.2.2: a token that is not an active access token of this server is {@code invalid_request}. */
    private TokenState active(Token token, TokenTypeURI type, String parameter, Instant now) {
        if (!PRESENTABLE.contains(type)) {
            throw OAuth2Exception.invalidRequest(parameter + "_type: only " + TokenTypeURI.ACCESS_TOKEN + " and "
                                                 + TokenTypeURI.JWT + " are accepted");
        }
        return tokens.byAccessTokenHash(presented.key(token.getValue()))
                     .filter(state -> state.activeAt(now))
                     .orElseThrow(() -> OAuth2Exception.invalidRequest(parameter + " is not an active access token "
                                                                       + "of this server"));
    }

    /** Within the subject token's scopes and the client's own, as every grant is within its client's. */
    private static List<String> scopes(TokenRequest request, TokenState subject, ClientRegistration client) {
        List<String> allowed = subject.scopes().stream().filter(client.scopes()::contains).toList();
        return ScopePolicy.within(request.getScope(), allowed)
                          .filter(scopes -> !scopes.isEmpty())
                          .orElseThrow(() -> new OAuth2Exception(OAuth2Error.INVALID_SCOPE.setDescription(
                                  "scope must be within the subject_token's and the client's")));
    }

    /**
     * §2.1: {@code resource} and {@code audience} together (at most ten) name where the new token is for; none keeps
     * the subject token's audience. A subject token for any resource may be narrowed to any; one for some resources
     * only to some of those, or to the client's registered exchange audiences; else §2.2.2 {@code invalid_target}.
     */
    private static List<String> audience(TokenRequest request, TokenExchangeGrant grant, TokenState subject,
                                         TokenExchangePolicy policy) {
        List<String> named = new ArrayList<>(ResourceIndicators.of(request));
        if (grant.getAudience() != null) {
            grant.getAudience().forEach(audience -> named.add(audience.getValue()));
        }
        List<String> requested = ResourceIndicators.of(named.toArray(String[]::new));
        List<String> current = subject.audience() == null ? List.of() : subject.audience();
        if (requested.isEmpty() || current.isEmpty()) {
            return requested.isEmpty() ? current : requested;
        }
        Set<String> allowed = new TreeSet<>(policy.audiences());
        allowed.addAll(current);
        if (!allowed.containsAll(requested)) {
            throw ResourceIndicators.invalid("the client may not exchange a token for that audience");
        }
        return requested;
    }
}
