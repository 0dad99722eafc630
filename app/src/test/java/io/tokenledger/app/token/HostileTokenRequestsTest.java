package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, hostile and unauthorised token requests get the RFC 6749 §5.2 error, never a 5xx, never an
 * echo of a secret, and append nothing to the ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTokenRequestsTest extends LedgerIntegrationTest {

    private static final String OK_FORM = "grant_type=client_credentials";
    private ClientInformation client;

    @BeforeAll
    void registerClient() {
        ledger = new LedgerClient(port, managementPort);
        client = ledger.register(adminToken(), "read write");
    }

    Stream<Arguments> refusals() {
        return Stream.of(
                refusal("wrong secret, Basic", 401, "invalid_client",
                        c -> form(OK_FORM, "Authorization", basic(c.getID().getValue(), "wrong-secret"))),
                refusal("wrong secret, form", 401, "invalid_client",
                        c -> form(OK_FORM + "&client_id=" + c.getID() + "&client_secret=wrong-secret")),
                refusal("unknown client", 401, "invalid_client",
                        c -> form(OK_FORM, "Authorization", basic("no-such-client", "whatever"))),
                refusal("no client authentication", 401, "invalid_client", c -> form(OK_FORM)),
                refusal("malformed Basic header", 401, "invalid_client",
                        c -> form(OK_FORM, "Authorization", "Basic %%%not-base64")),
                refusal("two authentication methods, RFC 6749 §2.3", 400, "invalid_request",
                        c -> form(OK_FORM + "&client_id=" + c.getID() + "&client_secret=" + c.getSecret().getValue(),
                                "Authorization", basicOf(c))),
                refusal("missing grant_type", 400, "invalid_request", c -> form("scope=read", "Authorization", basicOf(c))),
                refusal("password grant", 400, "unsupported_grant_type",
                        c -> form("grant_type=password&username=a&password=b", "Authorization", basicOf(c))),
                refusal("unknown grant", 400, "unsupported_grant_type",
                        c -> form("grant_type=urn:x:nothing", "Authorization", basicOf(c))),
                refusal("scope beyond the registration", 400, "invalid_scope",
                        c -> form(OK_FORM + "&scope=read%20ledger:admin", "Authorization", basicOf(c))),
                refusal("repeated parameter, RFC 6749 §3.2", 400, "invalid_request",
                        c -> form(OK_FORM + "&scope=read&scope=write", "Authorization", basicOf(c))),
                refusal("parameters in the URL", 400, "invalid_request",
                        c -> HttpRequest.newBuilder(ledger.uri("/oauth2/token?" + OK_FORM))
                                        .header("Authorization", basicOf(c))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(OK_FORM))),
                refusal("JSON instead of a form", 400, "invalid_request",
                        c -> HttpRequest.newBuilder(ledger.uri("/oauth2/token"))
                                        .header("Authorization", basicOf(c))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))),
                refusal("GET instead of POST", 405, "invalid_request",
                        c -> HttpRequest.newBuilder(ledger.uri("/oauth2/token")).header("Authorization", basicOf(c)).GET()),
                refusal("one megabyte body", 413, "invalid_request",
                        c -> form(OK_FORM + "&scope=" + "a".repeat(1 << 20), "Authorization", basicOf(c))),
                refusal("one megabyte body, chunked (issue 18, item 5)", 413, "invalid_request",
                        c -> HttpRequest.newBuilder(ledger.uri("/oauth2/token"))
                                        .header("Authorization", basicOf(c))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                                (OK_FORM + "&scope=" + "a".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII))))),
                refusal("bad UTF-8 in scope", 400, "invalid_scope",
                        c -> form(OK_FORM + "&scope=%C3%28read", "Authorization", basicOf(c))),
                refusal("control character in a parameter name (the firewall)", 400, "invalid_request",
                        c -> form(OK_FORM + "&sc%01ope=read", "Authorization", basicOf(c))),
                refusal("path with a parameter (the firewall)", 400, "invalid_request",
                        c -> ledger.formRequest("/oauth2/token;x=1", OK_FORM, "Authorization", basicOf(c))),
                refusal("percent-encoded path", 404, "invalid_request",
                        c -> ledger.formRequest("/oauth2/%74oken", OK_FORM, "Authorization", basicOf(c))),
                refusal("SQL in client_id", 401, "invalid_client",
                        c -> form(OK_FORM, "Authorization", basic("x' OR '1'='1", "' OR 1=1; DROP TABLE tokens; --"))),
                refusal("SQL in scope", 400, "invalid_scope",
                        c -> form(OK_FORM + "&scope=read'%3B%20DELETE%20FROM%20domain_event_entry%3B--",
                                "Authorization", basicOf(c))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void isRefusedWithAnRfcErrorAndAppendsNothing(String name, int status, String error,
                                                   Function<ClientInformation, HttpRequest.Builder> request) {
        long events = eventCount();
        long failures = securityEventCount("ClientAuthenticationFailed");
        long all = allEvents();

        HttpResponse<String> response = ledger.raw(request.apply(client));

        assertThat(response.statusCode()).isEqualTo(status);
        if (error != null) {
            assertThat(response.body()).contains("\"error\":\"" + error + "\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
        }
        assertThat(response.body()).doesNotContain(client.getSecret().getValue()).doesNotContain("Exception")
                                   .doesNotContain("wrong-secret");
        assertThat(eventCount()).isEqualTo(events);
        long recorded = securityEventCount("ClientAuthenticationFailed") - failures;
        assertThat(recorded).as("only a refused client is recorded, at most once").isLessThanOrEqualTo(status == 401 ? 1 : 0);
        assertThat(allEvents() - all).as("nothing else is appended").isEqualTo(recorded);
    }


    /**
     * RFC 6749 §5.2: a client that tried the Authorization header gets a 401 with a challenge, whatever was wrong
     * with it; one that used the form gets none.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong secret    | WRONG
            unknown client  | Basic dW5rbm93bjpzZWNyZXQ=
            malformed Basic | Basic %%%
            another scheme  | Bearer some-token
            """)
    void invalidClientViaTheHeaderCarriesAChallenge(String name, String authorization) {
        String header = authorization.equals("WRONG") ? basic(client.getID().getValue(), "no") : authorization;
        HttpResponse<String> response = ledger.raw(form(OK_FORM, "Authorization", header));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void invalidClientViaTheFormCarriesNoChallenge() {
        HttpResponse<String> body = ledger.raw(form(OK_FORM + "&client_id=" + client.getID() + "&client_secret=no"));

        assertThat(body.statusCode()).isEqualTo(401);
        assertThat(body.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void anUnknownPathIs404NotAServerError() {
        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/nothing-here")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"");
    }

    @Test
    void theSameClientStillGetsTokensAfterAllThat() {
        assertThat(ledger.raw(form(OK_FORM, "Authorization", basicOf(client))).statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder form(String body, String... headers) {
        return ledger.formRequest("/oauth2/token", body, headers);
    }

    private static String basicOf(ClientInformation c) {
        return LedgerClient.basicHeader(c);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments refusal(String name, int status, String error,
                                     Function<ClientInformation, HttpRequest.Builder> request) {
        return Arguments.of(name, status, error, request);
    }
}
