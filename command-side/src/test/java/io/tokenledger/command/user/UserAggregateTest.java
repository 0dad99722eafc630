package io.tokenledger.command.user;

import io.tokenledger.events.Actor;
import io.tokenledger.events.user.DisableUser;
import io.tokenledger.events.user.RegisterUser;
import io.tokenledger.events.user.UpdateUserProfile;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class UserAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String BCRYPT = "bcrypt:$2a$10$abcdefghijklmnopqrstuv";

    private AggregateTestFixture<UserAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAggregate.class);
    }

    @Test
    void registeringAUserRecordsOnlyThePasswordHash() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUser("u-1", "ada", "ada@example.com", BCRYPT, NOW, Actor.admin("ops")))
               .expectEvents(new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW, Actor.admin("ops")));
    }

    @Test
    void disablingAUserRecordsWhoAndWhenOnce() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        UserDisabled disabled = new UserDisabled("u-1", NOW.plusSeconds(60), Actor.operator("alice"));

        fixture.given(registered)
               .when(new DisableUser("u-1", NOW.plusSeconds(60), Actor.operator("alice")))
               .expectEvents(disabled)
               .expectResultMessagePayload(true);
        fixture.given(registered, disabled)
               .when(new DisableUser("u-1", NOW.plusSeconds(120), Actor.admin("ops")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    /** OpenID Connect Core §5.1's name and email_verified, recorded when they change and only then. */
    @Test
    void aProfileChangeIsRecordedOnlyWhenSomethingChanges() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        UserProfileUpdated updated = new UserProfileUpdated("u-1", "Ada Lovelace", true, NOW.plusSeconds(60),
                Actor.admin("ops"));

        fixture.given(registered)
               .when(new UpdateUserProfile("u-1", "Ada Lovelace", true, NOW.plusSeconds(60), Actor.admin("ops")))
               .expectEvents(updated)
               .expectResultMessagePayload(true);
        fixture.given(registered, updated)
               .when(new UpdateUserProfile("u-1", "Ada Lovelace", true, NOW.plusSeconds(120), Actor.admin("ops")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(registered)
               .when(new UpdateUserProfile("u-1", null, false, NOW.plusSeconds(60), Actor.admin("ops")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aFastHashIsNotGoodEnoughForAPassword() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUser("u-1", "ada", "ada@example.com", "sha256:" + "ab".repeat(32), NOW,
                       Actor.admin("ops")))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }

    @Test
    void aPlaintextPasswordIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUser("u-1", "ada", "ada@example.com", "correct horse", NOW, Actor.admin("ops")))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
    }
}
