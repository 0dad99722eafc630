package io.tokenledger.command.grant;

import io.tokenledger.command.Hashes;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.AuthorizationCodeReplayed;
import io.tokenledger.events.grant.DecideDeviceAuthorization;
import io.tokenledger.events.grant.DeviceAuthorizationApproved;
import io.tokenledger.events.grant.DeviceAuthorizationDenied;
import io.tokenledger.events.grant.DeviceAuthorizationExpired;
import io.tokenledger.events.grant.DeviceAuthorizationRequested;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.ExpireDeviceAuthorization;
import io.tokenledger.events.grant.GrantNarrowed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.IdTokenIssued;
import io.tokenledger.events.grant.IssueAuthorizationCode;
import io.tokenledger.events.grant.NarrowGrant;
import io.tokenledger.events.grant.NewIdToken;
import io.tokenledger.events.grant.NewTokens;
import io.tokenledger.events.grant.RedeemAuthorizationCode;
import io.tokenledger.events.grant.RedeemDeviceCode;
import io.tokenledger.events.grant.RedemptionOutcome;
import io.tokenledger.events.grant.RefreshGrant;
import io.tokenledger.events.grant.RefreshOutcome;
import io.tokenledger.events.grant.RefreshTokenReused;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.grant.RequestDeviceAuthorization;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.tokenledger.events.grant.RefreshOutcome.Result.DPOP_KEY_MISMATCH;
import static io.tokenledger.events.grant.RefreshOutcome.Result.EXPIRED;
import static io.tokenledger.events.grant.RefreshOutcome.Result.INVALID_TARGET;
import static io.tokenledger.events.grant.RefreshOutcome.Result.REUSED;
import static io.tokenledger.events.grant.RefreshOutcome.Result.REVOKED;
import static io.tokenledger.events.grant.RefreshOutcome.Result.SCOPES_WITHDRAWN;
import static io.tokenledger.events.grant.RefreshOutcome.Result.SCOPE_WIDENED;
import static io.tokenledger.events.grant.RefreshOutcome.Result.WRONG_CLIENT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One authorization grant (RFC 6749 §1.3): the authorization code a user's login produced, or a device's request a
 * user approved (RFC 8628), the tokens issued for it, and the chain of refresh tokens that carries it on. It is the consistency boundary for the single use of
 * the code and of each refresh token, so replays and reuse are decided here, one at a time.
 *
 * <p>Refusals that are attacks (a replayed code, a reused refresh token) are recorded and revoke the grant;
 * the command still succeeds, so those events commit while the client is told {@code invalid_grant}.
 */
@Aggregate
public class GrantAggregate {

    static final String S256 = "S256";
    /** The scope that makes a grant an OpenID Connect one (OpenID Connect Core §3.1.2.1). */
    static final String OPENID = "openid";

    @AggregateIdentifier
    private String grantId;
    private String clientId;
    private String userId;
    private String redirectUri;
    private List<String> scopes;
    /** What the user authorized the client for (RFC 8707); empty when the request named no resource. */
    private List<String> resources;
    private String codeChallenge;
    private Instant codeExpiresAt;
    private String nonce;
    /** The DPoP key the code is bound to ({@code dpop_jkt}), and the one every refresh must prove; null for none. */
    private String codeDpopJkt;
    private String refreshJkt;
    private Authentication authentication;
    /** A device's request (RFC 8628): null while no user decided, then whether one approved it. */
    private Boolean deviceApproved;
    private boolean deviceExpired;
    private Instant refreshExpiresAt;
    private boolean redeemed;
    private boolean revoked;
    private String currentTokenId;
    private String previousTokenId;
    private Instant lastRotatedAt;
    private final List<String> tokenIds = new ArrayList<>();
    private final Set<String> supersededTokenIds = new HashSet<>();

    protected GrantAggregate() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public GrantAggregate(IssueAuthorizationCode command) {
        Hashes.require(command.codeHash(), "codeHash");
        if (command.codeChallenge() != null && !S256.equals(command.codeChallengeMethod())) {
            throw new IllegalArgumentException("only S256 code challenges are accepted (RFC 9700 §2.1.1)");
        }
        apply(new AuthorizationCodeIssued(command.grantId(), command.clientId(), command.userId(), command.codeHash(),
                command.redirectUri(), List.copyOf(command.scopes()),
                command.resources().isEmpty() ? null : List.copyOf(command.resources()), command.codeChallenge(),
                command.codeChallengeMethod(), command.issuedAt(), command.expiresAt(), command.nonce(),
                command.authentication(), command.dpopJkt(), command.actor()));
    }

    @CommandHandler
    public GrantAggregate(RequestDeviceAuthorization command) {
        Hashes.require(command.deviceCodeHash(), "deviceCodeHash");
        Hashes.requireKeyed(command.userCodeHash(), "userCodeHash");
        if (!command.expiresAt().isAfter(command.requestedAt())) {
            throw new IllegalArgumentException("a device code must expire after it is issued");
        }
        apply(new DeviceAuthorizationRequested(command.grantId(), command.clientId(), command.deviceCodeHash(),
                command.userCodeHash(), List.copyOf(command.scopes()), command.requestedAt(), command.expiresAt(),
                command.actor()));
    }

    /** RFC 8628 §3.3: one answer per request, only while it is pending and unexpired. */
    @CommandHandler
    public DecideDeviceAuthorization.Outcome handle(DecideDeviceAuthorization command) {
        if (expireIfDue(command.decidedAt(), command.actor()) || deviceExpired) {
            return DecideDeviceAuthorization.Outcome.EXPIRED;
        }
        if (deviceApproved != null || revoked) {
            return DecideDeviceAuthorization.Outcome.ALREADY_DECIDED;
        }
        apply(command.approved()
                ? new DeviceAuthorizationApproved(grantId, clientId, command.userId(), command.authentication(),
                        command.decidedAt(), command.actor())
                : new DeviceAuthorizationDenied(grantId, clientId, command.userId(), command.decidedAt(),
                        command.actor()));
        return DecideDeviceAuthorization.Outcome.RECORDED;
    }

    @CommandHandler
    public void handle(ExpireDeviceAuthorization command) {
        expireIfDue(command.at(), command.actor());
    }

    /** RFC 8628 §3.5: pending, denied, expired, or the grant's first tokens, once. */
    @CommandHandler
    public RedemptionOutcome handle(RedeemDeviceCode command) {
        RedemptionOutcome refusal = deviceRedemptionRefusal(command);
        if (refusal != null) {
            return refusal;
        }
        if (!narrowTo(command.clientScopes(), command.redeemedAt(), command.actor())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.SCOPES_WITHDRAWN);
        }
        requireHashes(command.tokens());
        GrantToken token = command.tokens().issued(scopes, List.of(), command.redeemedAt());
        apply(new DeviceCodeRedeemed(grantId, clientId, userId, token, command.refreshExpiresAt(),
                command.bindRefresh() ? token.jkt() : null, command.actor()));
        return new RedemptionOutcome(RedemptionOutcome.Result.REDEEMED, token, null);
    }

    private RedemptionOutcome deviceRedemptionRefusal(RedeemDeviceCode command) {
        if (!clientId.equals(command.clientId())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.WRONG_CLIENT);
        }
        if (redeemed) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.REPLAYED);
        }
        if (revoked) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.REVOKED);
        }
        if (expireIfDue(command.redeemedAt(), command.actor()) || deviceExpired) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.EXPIRED);
        }
        if (deviceApproved == null) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.PENDING);
        }
        return deviceApproved ? null : RedemptionOutcome.refused(RedemptionOutcome.Result.DENIED);
    }

    /**
     * Records, once, that a device code not yet redeemed nor denied outlived its {@code expires_in}: true when this
     * call recorded it.
     */
    private boolean expireIfDue(Instant at, Actor actor) {
        boolean due = !redeemed && !revoked && !deviceExpired && !Boolean.FALSE.equals(deviceApproved)
                      && !at.isBefore(codeExpiresAt);
        if (due) {
            apply(new DeviceAuthorizationExpired(grantId, clientId, at, actor));
        }
        return due;
    }

    @CommandHandler
    public RedemptionOutcome handle(RedeemAuthorizationCode command) {
        if (redeemed) {
            apply(new AuthorizationCodeReplayed(grantId, clientId, command.redeemedAt(), command.actor()));
            if (!revoked) {
                revoke(RevocationReason.CODE_REPLAYED, command.redeemedAt(), command.actor());
            }
            return RedemptionOutcome.refused(RedemptionOutcome.Result.REPLAYED);
        }
        if (revoked) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.REVOKED);
        }
        RedemptionOutcome refusal = redemptionRefusal(command);
        if (refusal != null) {
            return refusal;
        }
        Optional<List<String>> audience = audienceFor(command.resources());
        if (audience.isEmpty()) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.INVALID_TARGET);
        }
        if (!narrowTo(command.clientScopes(), command.redeemedAt(), command.actor())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.SCOPES_WITHDRAWN);
        }
        requireHashes(command.tokens());
        GrantToken token = command.tokens().issued(scopes, audience.get(), command.redeemedAt());
        apply(new AuthorizationCodeRedeemed(grantId, clientId, userId, token, command.refreshExpiresAt(),
                command.bindRefresh() ? token.jkt() : null,
                command.actor()));
        return new RedemptionOutcome(RedemptionOutcome.Result.REDEEMED, token,
                idToken(command.idToken(), token, nonce, command.actor()));
    }

    /** RFC 6749 §4.1.3 and RFC 7636 §4.6; a verifier for a code issued without a challenge is refused too. */
    private RedemptionOutcome redemptionRefusal(RedeemAuthorizationCode command) {
        if (!clientId.equals(command.clientId())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.WRONG_CLIENT);
        }
        if (!command.redeemedAt().isBefore(codeExpiresAt)) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.EXPIRED);
        }
        if (!redirectUri.equals(command.redirectUri())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.REDIRECT_URI_MISMATCH);
        }
        if (!Objects.equals(codeChallenge, command.verifierChallenge())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.VERIFIER_MISMATCH);
        }
        if (codeDpopJkt != null && !codeDpopJkt.equals(command.tokens().jkt())) {
            return RedemptionOutcome.refused(RedemptionOutcome.Result.DPOP_KEY_MISMATCH);
        }
        return null;
    }

    @CommandHandler
    public RefreshOutcome handle(RefreshGrant command, GrantPolicy policy) {
        if (revoked) {
            return RefreshOutcome.refused(REVOKED);
        }
        if (!clientId.equals(command.clientId())) {
            return RefreshOutcome.refused(WRONG_CLIENT);
        }
        boolean current = command.presentedTokenId().equals(currentTokenId);
        boolean retry = command.presentedTokenId().equals(previousTokenId)
                && command.refreshedAt().isBefore(lastRotatedAt.plus(policy.refreshRetryWindow()));
        if (!current && !retry) {
            apply(new RefreshTokenReused(grantId, clientId, command.presentedTokenId(), command.refreshedAt(),
                    command.actor()));
            revoke(RevocationReason.REFRESH_REUSED, command.refreshedAt(), command.actor());
            return RefreshOutcome.refused(REUSED);
        }
        if (refreshJkt != null && !refreshJkt.equals(command.tokens().jkt())) {
            return RefreshOutcome.refused(DPOP_KEY_MISMATCH);
        }
        if (!command.refreshedAt().isBefore(refreshExpiresAt)) {
            return RefreshOutcome.refused(EXPIRED);
        }
        Optional<List<String>> audience = audienceFor(command.resources());
        if (audience.isEmpty()) {
            return RefreshOutcome.refused(INVALID_TARGET);
        }
        if (!narrowTo(command.clientScopes(), command.refreshedAt(), command.actor())) {
            return RefreshOutcome.refused(SCOPES_WITHDRAWN);
        }
        List<String> granted = command.scopes().isEmpty() ? scopes : command.scopes();
        if (!scopes.containsAll(granted)) {
            return RefreshOutcome.refused(SCOPE_WIDENED);
        }
        requireHashes(command.tokens());
        GrantToken token = command.tokens().issued(granted, audience.get(), command.refreshedAt());
        // RFC 9449 §5: a public client's refresh tokens are bound from its first proof on, if its code was not.
        String binds = refreshJkt == null && command.bindRefresh() ? token.jkt() : null;
        apply(new RefreshTokenRotated(grantId, clientId, userId, command.presentedTokenId(), token,
                retry ? currentTokenId : null, refreshExpiresAt, binds, command.actor()));
        // OpenID Connect Core §12.2: the same sign-in, stated again, without the nonce of the original request.
        return new RefreshOutcome(RefreshOutcome.Result.ROTATED, token,
                idToken(command.idToken(), token, null, command.actor()));
    }

    /** An ID token goes with a token whose scopes hold {@code openid}, for the user's sign-in that began the grant. */
    private IdTokenIssued idToken(NewIdToken requested, GrantToken token, String nonce, Actor actor) {
        if (requested == null || !token.scopes().contains(OPENID)) {
            return null;
        }
        IdTokenIssued issued = new IdTokenIssued(grantId, clientId, userId, requested.idTokenId(), token.tokenId(),
                requested.keyId(), requested.issuer(), nonce, atHash(token), authentication,
                token.issuedAt(), requested.expiresAt(), actor);
        apply(issued);
        return issued;
    }

    /**
     * RFC 8707 §2.2: a token request may name some of the resources the user authorized, never another; naming none
     * means all of them. A grant authorized for no particular resource takes whatever the request narrows it to.
     */
    private Optional<List<String>> audienceFor(List<String> requested) {
        if (requested.isEmpty()) {
            return Optional.of(resources);
        }
        return resources.isEmpty() || resources.containsAll(requested) ? Optional.of(requested) : Optional.empty();
    }

    /** Narrowing a grant already within the client's scopes, or revoked, records nothing. */
    @CommandHandler
    public void handle(NarrowGrant command) {
        if (!revoked) {
            narrowTo(command.clientScopes(), command.narrowedAt(), command.actor());
        }
    }

    /**
     * Drops the scopes the client no longer has, for good: widening the client again later does not give them back,
     * since the user consented to them for the client as it was. False when nothing the user granted is left.
     */
    private boolean narrowTo(List<String> clientScopes, Instant at, Actor actor) {
        if (clientScopes.containsAll(scopes)) {
            return true;
        }
        List<String> kept = scopes.stream().filter(clientScopes::contains).toList();
        List<String> withdrawn = scopes.stream().filter(scope -> !clientScopes.contains(scope)).toList();
        apply(new GrantNarrowed(grantId, clientId, kept, withdrawn, at, actor));
        return !kept.isEmpty();
    }

    /**
     * Only the grant's own client may end it (RFC 7009 §2.1); ending it twice is not an error (§2.2), nor is
     * presenting a token the grant already superseded: neither records anything.
     */
    @CommandHandler
    public RevocationOutcome handle(RevokeGrant command) {
        if (command.actor().isAnotherClientThan(clientId)) {
            return RevocationOutcome.NOT_THE_CLIENTS;
        }
        if (revoked || supersededTokenIds.contains(command.presentedTokenId())) {
            return RevocationOutcome.ALREADY_REVOKED;
        }
        apply(new GrantRevoked(grantId, clientId, List.copyOf(tokenIds), command.reason(), command.revokedAt(),
                command.actor(), command.note(), userId));
        return RevocationOutcome.REVOKED;
    }

    private void revoke(RevocationReason reason, Instant at, Actor actor) {
        apply(new GrantRevoked(grantId, clientId, List.copyOf(tokenIds), reason, at, actor, null, userId));
    }

    /**
     * Core §3.1.3.6 makes {@code at_hash} optional in the code flow: a JWT access token is signed after this is
     * recorded, so its value, which {@code at_hash} would bind, does not exist yet.
     */
    private static String atHash(GrantToken token) {
        return token.jwt() ? null : AtHash.of(token.accessTokenHash());
    }

    private static void requireHashes(NewTokens tokens) {
        Hashes.requireAccessToken(tokens.accessTokenHash(), tokens.keyId());
        Hashes.require(tokens.refreshTokenHash(), "refreshTokenHash");
    }

    @EventSourcingHandler
    void on(AuthorizationCodeIssued event) {
        grantId = event.grantId();
        clientId = event.clientId();
        userId = event.userId();
        redirectUri = event.redirectUri();
        scopes = event.scopes();
        resources = event.resources() == null ? List.of() : event.resources();
        codeChallenge = event.codeChallenge();
        codeExpiresAt = event.expiresAt();
        nonce = event.nonce();
        codeDpopJkt = event.dpopJkt();
        authentication = event.authentication() == null ? Authentication.passwordAt(event.issuedAt())
                : event.authentication();
    }

    @EventSourcingHandler
    void on(AuthorizationCodeRedeemed event) {
        firstToken(event.token(), event.refreshExpiresAt(), event.refreshJkt());
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationRequested event) {
        grantId = event.grantId();
        clientId = event.clientId();
        scopes = event.scopes();
        resources = List.of();
        codeExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationApproved event) {
        deviceApproved = true;
        userId = event.userId();
        authentication = event.authentication();
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationDenied event) {
        deviceApproved = false;
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationExpired event) {
        deviceExpired = true;
    }

    @EventSourcingHandler
    void on(DeviceCodeRedeemed event) {
        firstToken(event.token(), event.refreshExpiresAt(), event.refreshJkt());
    }

    private void firstToken(GrantToken token, Instant refreshEnd, String jkt) {
        redeemed = true;
        refreshExpiresAt = refreshEnd;
        refreshJkt = jkt;
        currentTokenId = token.tokenId();
        tokenIds.add(token.tokenId());
    }

    /** A retry replaces the unused successor but keeps the original rotation time, so it cannot stretch the window. */
    @EventSourcingHandler
    void on(RefreshTokenRotated event) {
        if (event.supersededTokenId() == null) {
            previousTokenId = event.fromTokenId();
            lastRotatedAt = event.token().issuedAt();
        } else {
            supersededTokenIds.add(event.supersededTokenId());
        }
        currentTokenId = event.token().tokenId();
        tokenIds.add(event.token().tokenId());
        if (event.refreshJkt() != null) {
            refreshJkt = event.refreshJkt();
        }
    }

    @EventSourcingHandler
    void on(GrantNarrowed event) {
        scopes = event.scopes();
    }

    @EventSourcingHandler
    void on(GrantRevoked event) {
        revoked = true;
    }
}
