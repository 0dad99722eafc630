package io.tokenledger.app.device;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.UserCode;
import com.nimbusds.oauth2.sdk.util.MultivaluedMapUtils;
import io.tokenledger.app.config.DeviceAuthorizationProperties;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.oauth2.AuthenticatedRequest;
import io.tokenledger.app.oauth2.Causes;
import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.oauth2.IssuerResolver;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.OAuth2Requests;
import io.tokenledger.app.oauth2.PublicClientLimit;
import io.tokenledger.app.oauth2.Responses;
import io.tokenledger.app.oauth2.ScopePolicy;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.web.ProtocolEndpoint;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.RequestDeviceAuthorization;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The device authorization endpoint (RFC 8628 §3.1): a device that cannot show a browser gets a device code to poll
 * the token endpoint with and a short user code for its user to enter at {@code /oauth2/device} on another device.
 * Only the codes' hashes are recorded ({@code DeviceAuthorizationRequested}).
 */
@Component
public class DeviceAuthorizationEndpoint implements ProtocolEndpoint {

    public static final String VERIFICATION_PATH = "/oauth2/device";
    /** RFC 8628 §6.1: eight letters without vowels, about 34 bits, shown as two groups of four. */
    private static final int USER_CODE_LENGTH = 8;
    private static final int ATTEMPTS = 3;

    private final ClientAuthenticator authenticator;
    private final PublicClientLimit limit;
    private final CommandGateway commands;
    private final IssuerResolver issuer;
    private final DeviceAuthorizationProperties settings;
    private final UserCodes userCodes;
    private final Clock clock;

    DeviceAuthorizationEndpoint(ClientAuthenticator authenticator, PublicClientLimit limit, CommandGateway commands,
                                IssuerResolver issuer, DeviceAuthorizationProperties settings, UserCodes userCodes,
                                Clock clock) {
        this.authenticator = authenticator;
        this.limit = limit;
        this.commands = commands;
        this.issuer = issuer;
        this.settings = settings;
        this.userCodes = userCodes;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/oauth2/device_authorization";
    }

    @Override
    public ResponseEntity<String> handle(HttpServletRequest servletRequest) {
        AuthenticatedRequest<Void> authenticated = authenticator.authenticateForm(servletRequest);
        ClientRegistration client = authenticated.client();
        if (!client.allowsGrant(DeviceCodeRedeemed.GRANT_TYPE)) {
            throw OAuth2Exception.unauthorizedClient(DeviceCodeRedeemed.GRANT_TYPE);
        }
        if (client.publicClient()) {
            limit.charge("device", servletRequest.getRemoteAddr());
        }
        String scope = MultivaluedMapUtils.getFirstValue(OAuth2Requests.parse(
                authenticated.http()::getBodyAsFormParameters), "scope");
        List<String> scopes = ScopePolicy.clientMay(Scope.parse(scope), client.scopes());
        DeviceCode deviceCode = new DeviceCode(Secrets.generate());
        UserCode userCode = request(client.clientId(), deviceCode, scopes, 1);
        URI verification = URI.create(issuer.issuer() + VERIFICATION_PATH);
        return Responses.of(new DeviceAuthorizationSuccessResponse(deviceCode, userCode, verification,
                URI.create(verification + "?user_code=" + userCode.getValue()), settings.deviceCodeTtl().toSeconds(),
                settings.devicePollingInterval().toSeconds(), null).toHTTPResponse());
    }

    /** A user code drawn twice among pending requests is refused by its unique index: draw another. */
    private UserCode request(String clientId, DeviceCode deviceCode, List<String> scopes, int attempt) {
        UserCode userCode = new UserCode(UserCode.LETTER_CHAR_SET, USER_CODE_LENGTH);
        Instant now = clock.instant();
        try {
            commands.sendAndWait(new RequestDeviceAuthorization(TimeOrderedIds.next(), clientId,
                    Secrets.sha256(deviceCode.getValue()), userCodes.hash(userCode.getValue()), scopes, now,
                    now.plus(settings.deviceCodeTtl()), Actor.client(clientId)));
            return userCode;
        } catch (RuntimeException e) {
            if (attempt < ATTEMPTS && Causes.any(e, DuplicateKeyException.class::isInstance)) {
                return request(clientId, deviceCode, scopes, attempt + 1);
            }
            throw e;
        }
    }
}
