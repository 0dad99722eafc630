package io.tokenledger.app.support;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A TV app of the device authorization grant (RFC 8628), a public client, with Nimbus's requests; and its user, who
 * answers on the verification page in a browser.
 */
public final class DeviceClient {

    private final LedgerClient ledger;
    private final ClientID client;

    private DeviceClient(LedgerClient ledger, ClientID client) {
        this.ledger = ledger;
        this.client = client;
    }

    /** Registers a public "TV app" for the device grant and its refresh tokens, scopes read and write. */
    public static DeviceClient register(LedgerClient ledger, String adminToken) {
        HttpResponse<String> registered = ledger.registerJson(adminToken, """
                {"client_name":"TV app","token_endpoint_auth_method":"none","scope":"read write",
                 "grant_types":["urn:ietf:params:oauth:grant-type:device_code","refresh_token"]}""");
        if (registered.statusCode() != 201) {
            throw new AssertionError("registration refused: " + registered.body());
        }
        return new DeviceClient(ledger, LedgerClient.clientInformation(registered).getID());
    }

    public ClientID id() {
        return client;
    }

    /** §3.1: a device code and a user code, for this scope (null: all the client's). */
    public DeviceAuthorizationSuccessResponse request(String scope) {
        DeviceAuthorizationRequest request = new DeviceAuthorizationRequest.Builder(client)
                .endpointURI(ledger.uri("/oauth2/device_authorization"))
                .scope(scope == null ? null : Scope.parse(scope)).build();
        try {
            DeviceAuthorizationResponse response = DeviceAuthorizationResponse.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                throw new AssertionError(response.toErrorResponse().getErrorObject().toJSONObject());
            }
            return response.toSuccessResponse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** §3.4: one poll of the token endpoint. */
    public TokenResponse poll(DeviceAuthorizationSuccessResponse device) {
        return CodeFlowClient.send(new TokenRequest(ledger.uri("/oauth2/token"), client,
                new DeviceCodeGrant(device.getDeviceCode()), null));
    }

    /**
     * §3.3: a user, not signed in yet, opens {@code verification_uri_complete}, signs in and answers {@code allow}
     * or {@code deny}; the answer page.
     */
    public static HttpResponse<String> answer(Browser browser, DeviceAuthorizationSuccessResponse device,
                                              String username, String password, String decision) {
        HttpResponse<String> confirm = browser.submit(browser.get(device.getVerificationURIComplete()),
                Map.of("username", username, "password", password));
        return browser.submit(confirm, Map.of("decision", decision));
    }
}
