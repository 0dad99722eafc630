package io.tokenledger.command.par;

import io.tokenledger.events.Actor;
import io.tokenledger.events.par.AuthorizationRequestPushed;
import io.tokenledger.events.par.PushAuthorizationRequest;
import io.tokenledger.events.par.PushedAuthorizationRequestUsed;
import io.tokenledger.events.par.UsePushedAuthorizationRequest;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

class PushedRequestAggregateTest {

    private static final String ID = "sha256:" + "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Map<String, List<String>> PARAMETERS = Map.of("response_type", List.of("code"),
            "client_id", List.of("c-1"), "redirect_uri", List.of("https://app.example/cb"));
    private static final Actor CLIENT = Actor.client("c-1");
    private static final AuthorizationRequestPushed PUSHED =
            new AuthorizationRequestPushed(ID, "c-1", PARAMETERS, NOW, NOW.plusSeconds(60), CLIENT);

    private AggregateTestFixture<PushedRequestAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PushedRequestAggregate.class);
    }

    @Test
    void aPushedRequestIsRecordedByTheHashOfItsReference_RFC9126Section2() {
        fixture.givenNoPriorActivity()
               .when(new PushAuthorizationRequest(ID, "c-1", PARAMETERS, NOW, NOW.plusSeconds(60), CLIENT))
               .expectEvents(PUSHED);
        fixture.givenNoPriorActivity()
               .when(new PushAuthorizationRequest("urn:ietf:params:oauth:request_uri:abc", "c-1", PARAMETERS, NOW,
                       NOW.plusSeconds(60), CLIENT))
               .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
               .when(new PushAuthorizationRequest(ID, "c-1", PARAMETERS, NOW, NOW.plusSeconds(3600), CLIENT))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aPushedRequestIsUsedOnce_RFC9126Section4() {
        Actor user = Actor.user("u-1");
        fixture.given(PUSHED)
               .when(new UsePushedAuthorizationRequest(ID, "c-1", "g-1", NOW.plusSeconds(10), user))
               .expectResultMessagePayload(true)
               .expectEvents(new PushedAuthorizationRequestUsed(ID, "c-1", "g-1", NOW.plusSeconds(10), user));
        fixture.given(PUSHED, new PushedAuthorizationRequestUsed(ID, "c-1", "g-1", NOW.plusSeconds(10), user))
               .when(new UsePushedAuthorizationRequest(ID, "c-1", "g-2", NOW.plusSeconds(11), user))
               .expectResultMessagePayload(false)
               .expectNoEvents();
    }

    @Test
    void aRequestWhoseSignInDidNotFinishInTimeOrAnotherClientsIsNotUsed() {
        fixture.given(PUSHED)
               .when(new UsePushedAuthorizationRequest(ID, "c-1", "g-1", PUSHED.completeBy(), Actor.user("u-1")))
               .expectResultMessagePayload(false)
               .expectNoEvents();
        fixture.given(PUSHED)
               .when(new UsePushedAuthorizationRequest(ID, "c-2", "g-1", NOW.plusSeconds(10), Actor.user("u-1")))
               .expectResultMessagePayload(false)
               .expectNoEvents();
    }
}
