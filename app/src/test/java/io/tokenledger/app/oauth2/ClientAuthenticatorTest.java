package io.tokenledger.app.oauth2;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenledger.app.commanding.SecurityEvents;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.throttle.FailureThrottle;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.events.security.ClientAuthenticationFailed;
import io.tokenledger.query.client.ClientRegistration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client authentication alone (RFC 6749 §2.3), its registrations read from a map: which requests get in, how every
 * refusal reads the same to the caller, and what the ledger is told about each.
 */
class ClientAuthenticatorTest {

    private static final String SECRET = "s3cret-s3cret-s3cret";
    private static final int FAILURES_PER_ADDRESS = 4;
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Map<String, ClientRegistration> CLIENTS = Map.of(
            "basic", client("basic", "client_secret_basic", null),
            "post", client("post", "client_secret_post", null),
            "spa", client("spa", "none", null),
            "retired", client("retired", "client_secret_basic", NOW));

    private final List<Object> recorded = new ArrayList<>();
    private ClientAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.stream().map(EventMessage::getPayload).forEach(recorded::add));
        SecurityEvents security = new SecurityEvents(DefaultEventGateway.builder().eventBus(bus).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        OAuth2Requests requests = new OAuth2Requests(new LedgerProperties(null, null, null, null, null, null, null,
                null, null, DataSize.ofKilobytes(64)));
        authenticator = new ClientAuthenticator(null, null, null, requests, security, new FailureThrottle(),
                new SimpleMeterRegistry(), FAILURES_PER_ADDRESS);
    }

    @Test
    void theRegisteredMethodAndTheRightSecretGetIn_RFC6749Section2_3_1() {
        assertThat(authenticate(basic("basic", SECRET), "").client().clientId()).isEqualTo("basic");
        assertThat(authenticate(null, "client_id=post&client_secret=" + SECRET).client().clientId())
                .isEqualTo("post");
        assertThat(recorded).isEmpty();
    }

    @Test
    void whatWasReadWithTheRegistrationComesBackWithTheClient() {
        AuthenticatedRequest<String> authenticated = authenticator.authenticateForm(
                request(basic("basic", SECRET), ""), clientId -> new ClientAuthenticator.Found<>(
                        Optional.ofNullable(CLIENTS.get(clientId)), "read with " + clientId));

        assertThat(authenticated.found()).isEqualTo("read with basic");
    }

    @Test
    void everyFailureReadsTheSameAndTheLedgerLearnsWhich() {
        refusedAsInvalidClient(basic("basic", "wrong"), "");
        refusedAsInvalidClient(basic("nobody", SECRET), "");
        refusedAsInvalidClient(basic("retired", SECRET), "");
        refusedAsInvalidClient(basic("post", SECRET), "");

        assertThat(recorded).extracting(event -> ((ClientAuthenticationFailed) event).reason())
                            .containsExactly("wrong_secret", "unknown_client", "retired_client", "wrong_method");
        assertThat(recorded).allSatisfy(event -> assertThat(((ClientAuthenticationFailed) event).failedAt())
                .isEqualTo(NOW));
    }

    @Test
    void aRefusedBasicClientIsChallenged_RFC6749Section5_2() {
        assertThatThrownBy(() -> authenticate(basic("basic", "wrong"), ""))
                .isInstanceOfSatisfying(OAuth2Exception.class, e -> assertThat(e.basicChallenge()).isTrue());
        assertThatThrownBy(() -> authenticate(null, "client_id=post&client_secret=wrong"))
                .isInstanceOfSatisfying(OAuth2Exception.class, e -> assertThat(e.basicChallenge()).isFalse());
    }

    @Test
    void twoMethodsInOneRequestAreRefusedAndNotRecorded_RFC6749Section2_3() {
        assertInvalidRequest(basic("basic", SECRET), "client_secret=" + SECRET);
        assertInvalidRequest(basic("basic", SECRET), "client_id=post");
        assertThat(recorded).isEmpty();
    }

    @Test
    void aPublicClientOnlyNamesItself_RFC6749Section2_1() {
        assertThat(authenticate(null, "client_id=spa").client().clientId()).isEqualTo("spa");
        refusedAsInvalidClient(null, "client_id=basic");
        assertThat(recorded).extracting(event -> ((ClientAuthenticationFailed) event).reason())
                            .containsExactly("not_a_public_client");
    }

    @Test
    void anAddressThatKeepsFailingIsRefusedBeforeAnySecretIsComparedAndWritesNothing() {
        for (int i = 0; i < FAILURES_PER_ADDRESS; i++) {
            refusedAsInvalidClient(basic("basic", "wrong-" + i), "");
        }

        assertThatThrownBy(() -> authenticate(basic("basic", SECRET), ""))
                .isInstanceOfSatisfying(OAuth2Exception.class, e -> {
                    assertThat(e.error().getHTTPStatusCode()).isEqualTo(429);
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(recorded).as("the throttled attempt is counted, not recorded")
                            .hasSize(FAILURES_PER_ADDRESS);
    }

    /** One host can hold a whole IPv6 /64: walking through it buys no fresh bucket (RFC 9700 §4.15, ASVS 2.2.1). */
    @Test
    void anIpv6AddressCountsWithItsWholeSlash64_RFC9700Section4_15() {
        for (int i = 0; i < FAILURES_PER_ADDRESS; i++) {
            String address = "2001:db8:0:1::" + Integer.toHexString(i + 1);
            assertThatThrownBy(() -> authenticate(basic("basic", "wrong"), "", address))
                    .isInstanceOfSatisfying(OAuth2Exception.class,
                            e -> assertThat(e.error().getCode()).isEqualTo("invalid_client"));
        }

        assertThatThrownBy(() -> authenticate(basic("basic", "wrong"), "", "2001:db8:0:1:ffff::9"))
                .isInstanceOfSatisfying(OAuth2Exception.class,
                        e -> assertThat(e.error().getHTTPStatusCode()).isEqualTo(429));
        assertThatThrownBy(() -> authenticate(basic("basic", "wrong"), "", "2001:db8:0:2::1"))
                .as("the next /64 is another network")
                .isInstanceOfSatisfying(OAuth2Exception.class,
                        e -> assertThat(e.error().getCode()).isEqualTo("invalid_client"));
        assertThat(recorded).hasSize(FAILURES_PER_ADDRESS + 1);
    }

    private AuthenticatedRequest<Void> authenticate(String authorization, String body) {
        return authenticate(authorization, body, "192.0.2.7");
    }

    private AuthenticatedRequest<Void> authenticate(String authorization, String body, String address) {
        MockHttpServletRequest request = request(authorization, body);
        request.setRemoteAddr(address);
        return authenticator.authenticateForm(request,
                clientId -> new ClientAuthenticator.Found<>(Optional.ofNullable(CLIENTS.get(clientId)), null));
    }

    private void refusedAsInvalidClient(String authorization, String body) {
        assertThatThrownBy(() -> authenticate(authorization, body))
                .isInstanceOfSatisfying(OAuth2Exception.class, e -> {
                    assertThat(e.error().getCode()).isEqualTo("invalid_client");
                    assertThat(e.error().getDescription()).isEqualTo("client authentication failed");
                });
    }

    private void assertInvalidRequest(String authorization, String body) {
        assertThatThrownBy(() -> authenticate(authorization, body))
                .isInstanceOfSatisfying(OAuth2Exception.class,
                        e -> assertThat(e.error().getCode()).isEqualTo("invalid_request"));
    }

    private static MockHttpServletRequest request(String authorization, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        request.setRemoteAddr("192.0.2.7");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                request.addParameter(nameAndValue[0], nameAndValue[1]);
            }
        }
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    private static String basic(String clientId, String secret) {
        byte[] credentials = (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials);
    }

    private static ClientRegistration client(String clientId, String method, Instant retiredAt) {
        return new ClientRegistration(clientId, clientId, "none".equals(method) ? null : Secrets.sha256(SECRET),
                List.of(), List.of("client_credentials"), List.of("read"), method, List.of(), true, "opaque", null, null, null, false, false, TokenExchangePolicy.NONE, NOW, retiredAt);
    }
}
