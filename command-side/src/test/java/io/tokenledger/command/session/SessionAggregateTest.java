package io.tokenledger.command.session;

import io.tokenledger.events.Actor;
import io.tokenledger.events.session.EndSession;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.session.SessionEnded;
import io.tokenledger.events.session.SessionStarted;
import io.tokenledger.events.session.StartSession;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class SessionAggregateTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant END = T0.plusSeconds(36_000);
    private static final String COOKIE_HASH = "sha256:" + "c".repeat(64);
    private static final Actor USER = Actor.user("u-1");
    private static final SessionStarted STARTED = new SessionStarted("s-1", "u-1", COOKIE_HASH, List.of("pwd"), T0,
            END, USER);

    private AggregateTestFixture<SessionAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SessionAggregate.class);
    }

    @Test
    void signingInStartsASessionRecordingOnlyTheCookiesHash() {
        fixture.givenNoPriorActivity()
               .when(new StartSession("s-1", "u-1", COOKIE_HASH, List.of("pwd"), T0, END, USER))
               .expectEvents(STARTED);
    }

    @Test
    void aPlaintextCookieIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new StartSession("s-1", "u-1", "the-cookie-itself", List.of("pwd"), T0, END, USER))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aSessionEndsOnceWhateverEndsItFirst() {
        SessionEnded loggedOut = new SessionEnded("s-1", "u-1", SessionEndReason.LOGGED_OUT, T0.plusSeconds(60),
                USER);

        fixture.given(STARTED)
               .when(new EndSession("s-1", SessionEndReason.LOGGED_OUT, T0.plusSeconds(60), USER))
               .expectEvents(loggedOut)
               .expectResultMessagePayload(true);
        fixture.given(STARTED, loggedOut)
               .when(new EndSession("s-1", SessionEndReason.IDLE_TIMEOUT, T0.plusSeconds(3600),
                       Actor.system("sessions")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void itsLifetimeIsNotOverBeforeItIs() {
        fixture.given(STARTED)
               .when(new EndSession("s-1", SessionEndReason.MAX_LIFETIME, END.minusSeconds(1),
                       Actor.system("sessions")))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
        fixture.given(STARTED)
               .when(new EndSession("s-1", SessionEndReason.MAX_LIFETIME, END, Actor.system("sessions")))
               .expectEvents(new SessionEnded("s-1", "u-1", SessionEndReason.MAX_LIFETIME, END,
                       Actor.system("sessions")));
    }
}
