package io.tokenledger.app.support;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** Talks to a running ledger the way an OAuth2 client does: through the Nimbus OAuth2 SDK, over HTTP. */
public final class LedgerClient {

    private final String base;
    private final String management;
    private final HttpClient http = HttpClient.newHttpClient();

    public LedgerClient(int port) {
        this(port, port);
    }

    /** {@code /actuator/...} goes to the management port, everything else to the public one. */
    public LedgerClient(int port, int managementPort) {
        this.base = "http://localhost:" + port;
        this.management = "http://localhost:" + managementPort;
    }

    /** The client of a server a test started itself. */
    public static LedgerClient of(ConfigurableApplicationContext server) {
        Environment environment = server.getEnvironment();
        return new LedgerClient(environment.getRequiredProperty("local.server.port", Integer.class),
                environment.getRequiredProperty("local.management.port", Integer.class));
    }

    public static ClientAuthentication basic(String clientId, String secret) {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
    }

    public URI uri(String path) {
        return URI.create((path.startsWith("/actuator") ? management : base) + path);
    }

    public TokenResponse tokenResponse(ClientAuthentication client, String scope) {
        TokenRequest request = new TokenRequest(uri("/oauth2/token"), client, new ClientCredentialsGrant(),
                scope == null ? null : Scope.parse(scope));
        return parse(() -> TokenResponse.parse(send(() -> request.toHTTPRequest().send())));
    }

    /** Gets an access token or fails the test with the server's error. */
    public String accessToken(ClientAuthentication client, String scope) {
        TokenResponse response = tokenResponse(client, scope);
        if (!response.indicatesSuccess()) {
            throw new AssertionError("token request refused: " + response.toErrorResponse().getErrorObject());
        }
        AccessTokenResponse success = response.toSuccessResponse();
        return success.getTokens().getAccessToken().getValue();
    }

    public TokenIntrospectionSuccessResponse introspect(ClientAuthentication caller, String token) {
        TokenIntrospectionRequest request = new TokenIntrospectionRequest(uri("/oauth2/introspect"), caller,
                new TypelessAccessToken(token));
        TokenIntrospectionResponse response = parse(() -> TokenIntrospectionResponse.parse(send(() -> request.toHTTPRequest().send())));
        if (!response.indicatesSuccess()) {
            throw new AssertionError("introspection refused: " + response.toErrorResponse().getErrorObject());
        }
        return response.toSuccessResponse();
    }

    public HTTPResponse revoke(ClientAuthentication caller, String token) {
        return send(() -> new TokenRevocationRequest(uri("/oauth2/revoke"), caller, new TypelessAccessToken(token))
                .toHTTPRequest().send());
    }

    /**
     * Registers a confidential authorization-code client redirecting to {@link CodeFlowClient#REDIRECT_URI}; a
     * third-party one, whose users are asked to consent.
     */
    public ClientInformation registerCodeClient(String adminToken, String scope) {
        return registerCodeClient(adminToken, scope, false);
    }

    public ClientInformation registerCodeClient(String adminToken, String scope, boolean firstParty) {
        HttpResponse<String> response = registerJson(adminToken, """
                {"client_name":"web app","grant_types":["authorization_code","refresh_token"],
                 "redirect_uris":["%s"],"scope":"%s","first_party":%s}""".formatted(CodeFlowClient.REDIRECT_URI,
                scope, firstParty));
        if (response.statusCode() != 201) {
            throw new AssertionError("registration refused: " + response.body());
        }
        return clientInformation(response);
    }

    /** Creates a user through the admin API. */
    public void createUser(String adminToken, String username, String password) {
        HttpResponse<String> response = raw(HttpRequest.newBuilder(uri("/admin/users"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"username":"%s","email":"%s@example.com","password":"%s"}""".formatted(username, username,
                        password))));
        if (response.statusCode() != 201) {
            throw new AssertionError("user not created: " + response.body());
        }
    }

    /** Registers a client_credentials client with the given scopes; answers its id and secret. */
    public ClientInformation register(String adminToken, String scope) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("test client");
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        metadata.setScope(Scope.parse(scope));
        ClientRegistrationRequest request = new ClientRegistrationRequest(uri("/oauth2/register"), metadata,
                new BearerAccessToken(adminToken));
        ClientRegistrationResponse response = parse(() -> ClientRegistrationResponse.parse(
                send(() -> request.toHTTPRequest().send())));
        if (!response.indicatesSuccess()) {
            throw new AssertionError("registration refused: " + response.toErrorResponse().getErrorObject());
        }
        return ((ClientInformationResponse) response).getClientInformation();
    }

    /** RFC 7592 §2.3: deletes the registration, which retires the client. Returns the status. */
    public int retire(String adminToken, ClientInformation client) {
        return manage(adminToken, "DELETE", "/oauth2/register/" + client.getID().getValue(), null).statusCode();
    }

    /** A request of the registration management API (RFC 7592 style), with a JSON body or none. */
    public HttpResponse<String> manage(String adminToken, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminToken);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return raw(request.method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Registers whatever JSON it is given, as an administrator's tool would. */
    public HttpResponse<String> registerJson(String adminToken, String json) {
        return raw(HttpRequest.newBuilder(uri("/oauth2/register"))
                              .header("Authorization", "Bearer " + adminToken)
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static ClientInformation clientInformation(HttpResponse<String> registration) {
        return parse(() -> ClientInformation.parse(JSONObjectUtils.parse(registration.body())));
    }

    public static String basicHeader(ClientInformation client) {
        return basicHeader(client.getID().getValue(), client.getSecret().getValue());
    }

    public static String basicHeader(String clientId, String secret) {
        String pair = clientId + ":" + secret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static ClientAuthentication basic(ClientInformation client) {
        return new ClientSecretBasic(client.getID(), client.getSecret());
    }

    /** A raw request, for what no well-behaved client library would send. */
    public HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> form(String path, String body, String... headers) {
        return raw(formRequest(path, body, headers));
    }

    /** A form POST with header name/value pairs. */
    public HttpRequest.Builder formRequest(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                                                 .header("Content-Type", "application/x-www-form-urlencoded")
                                                 .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static HTTPResponse send(SendAction action) {
        try {
            return action.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(ParseAction<T> action) {
        try {
            return action.parse();
        } catch (ParseException e) {
            throw new AssertionError("unparseable OAuth2 response", e);
        }
    }

    private interface SendAction {
        HTTPResponse send() throws IOException;
    }

    private interface ParseAction<T> {
        T parse() throws ParseException;
    }
}
