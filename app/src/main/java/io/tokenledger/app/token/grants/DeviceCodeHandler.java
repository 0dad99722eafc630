package io.tokenledger.app.token.grants;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import io.tokenledger.app.commanding.ConflictRetry;
import io.tokenledger.app.commanding.GroupCommit;
import io.tokenledger.app.config.DeviceAuthorizationProperties;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.token.GrantHandler;
import io.tokenledger.app.token.JwtAccessTokens;
import io.tokenledger.app.token.TokenMinter;
import io.tokenledger.app.token.TokenResponses;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.ExpireDeviceAuthorization;
import io.tokenledger.events.grant.RedeemDeviceCode;
import io.tokenledger.events.grant.RedemptionOutcome;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.device.DeviceAuthorization;
import io.tokenledger.query.device.DeviceAuthorizationLookup;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * RFC 8628 §3.4–3.5: a device polls with its device code. A poll of a pending request reads one row and records
 * nothing; only the first poll after its user decided, or after it expired, sends a command. Polls closer together
 * than the interval are answered {@code slow_down} (counted per node).
 */
@Component
public class DeviceCodeHandler implements GrantHandler {

    private final DeviceAuthorizationLookup devices;
    private final GroupCommit commands;
    private final TokenMinter minter;
    private final JwtAccessTokens accessTokens;
    private final Duration refreshTokenTtl;
    private final Duration interval;
    private final Clock clock;
    private final Cache<String, Instant> lastPolls;

    public DeviceCodeHandler(DeviceAuthorizationLookup devices, GroupCommit commands, TokenMinter minter,
                             JwtAccessTokens accessTokens, LedgerProperties ledger,
                             DeviceAuthorizationProperties settings, Clock clock) {
        this.devices = devices;
        this.commands = commands;
        this.minter = minter;
        this.accessTokens = accessTokens;
        this.refreshTokenTtl = ledger.refreshTokenTtl();
        this.interval = settings.devicePollingInterval();
        this.clock = clock;
        this.lastPolls = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(settings.deviceCodeTtl()).build();
    }

    @Override
    public GrantType grantType() {
        return GrantType.DEVICE_CODE;
    }

    @Override
    public ResponseEntity<String> handle(ClientRegistration client, TokenRequest request, String dpopJkt) {
        String deviceCode = ((DeviceCodeGrant) request.getAuthorizationGrant()).getDeviceCode().getValue();
        DeviceAuthorization device = devices.byDeviceCodeHash(Secrets.sha256(deviceCode))
                                            .filter(found -> found.clientId().equals(client.clientId()))
                                            .orElseThrow(() -> TokenResponses.invalidGrant("unknown device_code"));
        Instant now = clock.instant();
        pace(device.grantId(), now);
        return switch (device.status()) {
            case PENDING -> throw pending(device, client, now);
            case APPROVED -> redeem(device, client, dpopJkt, now);
            case DENIED -> throw new OAuth2Exception(OAuth2Error.ACCESS_DENIED
                    .setDescription("the user denied the request").setHTTPStatusCode(400));
            case EXPIRED -> throw expired();
            case REDEEMED -> throw TokenResponses.invalidGrant("device_code already used");
        };
    }

    /** §3.5: a device polling faster than the interval is told to slow down, and its poll changes nothing. */
    private void pace(String grantId, Instant now) {
        Instant last = lastPolls.asMap().put(grantId, now);
        if (last != null && now.isBefore(last.plus(interval))) {
            throw new OAuth2Exception(DeviceAuthorizationGrantError.SLOW_DOWN.setDescription(
                    "poll at most every " + interval.toSeconds() + " s"));
        }
    }

    private OAuth2Exception pending(DeviceAuthorization device, ClientRegistration client, Instant now) {
        if (device.pendingAt(now)) {
            return new OAuth2Exception(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING
                    .setDescription("the user has not decided yet"));
        }
        commands.sendAndWait(new ExpireDeviceAuthorization(device.grantId(), now, Actor.client(client.clientId())));
        return expired();
    }

    private ResponseEntity<String> redeem(DeviceAuthorization device, ClientRegistration client, String dpopJkt,
                                          Instant now) {
        if (device.userDisabled()) {
            throw TokenResponses.invalidGrant(AuthorizationCodeHandler.USER_DISABLED);
        }
        TokenMinter.Minted minted = minter.mint(true, client.jwtAccessTokens(), dpopJkt);
        RedeemDeviceCode redeem = new RedeemDeviceCode(device.grantId(), client.clientId(), client.scopes(),
                minted.hashes(), now.plus(refreshTokenTtl), AuthorizationCodeHandler.bindsRefresh(client, dpopJkt),
                now, Actor.client(client.clientId()));
        RedemptionOutcome outcome = ConflictRetry.send(() -> commands.sendAndWait(redeem));
        return switch (outcome.result()) {
            case REDEEMED -> TokenResponses.issued(accessTokens.sign(minted, outcome.token(), client.clientId(),
                    device.userId()), outcome.scopes());
            case EXPIRED -> throw expired();
            case SCOPES_WITHDRAWN -> throw TokenResponses.invalidGrant(
                    "the client no longer has any of the scopes the user granted");
            default -> throw TokenResponses.invalidGrant("device_code is no longer valid");
        };
    }

    private static OAuth2Exception expired() {
        return new OAuth2Exception(DeviceAuthorizationGrantError.EXPIRED_TOKEN
                .setDescription("the device_code expired; start again"));
    }
}
