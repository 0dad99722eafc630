package io.tokenledger.command.user;

import io.tokenledger.events.Actor;
import io.tokenledger.events.user.ChangeUserRoles;
import io.tokenledger.events.user.DisableUser;
import io.tokenledger.events.user.EraseUser;
import io.tokenledger.events.user.RegisterUser;
import io.tokenledger.events.user.ResetUserPassword;
import io.tokenledger.events.user.UpdateUserProfile;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserErased;
import io.tokenledger.events.user.UserPasswordReset;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRole;
import io.tokenledger.events.user.UserRolesChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    /** Roles are set whole, recorded when they change, sorted, and taken away like any change. */
    @Test
    void rolesAreRecordedAsTheWholeSetWhenTheyChange() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        UserRolesChanged both = new UserRolesChanged("u-1", List.of(UserRole.AUDITOR, UserRole.ADMIN),
                NOW.plusSeconds(60), Actor.operator("alice"));

        fixture.given(registered)
               .when(new ChangeUserRoles("u-1", Set.of(UserRole.ADMIN, UserRole.AUDITOR), NOW.plusSeconds(60),
                       Actor.operator("alice")))
               .expectEvents(both)
               .expectResultMessagePayload(true);
        fixture.given(registered, both)
               .when(new ChangeUserRoles("u-1", Set.of(UserRole.AUDITOR, UserRole.ADMIN), NOW.plusSeconds(90),
                       Actor.user("u-2")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(registered, both)
               .when(new ChangeUserRoles("u-1", Set.of(), NOW.plusSeconds(120), Actor.user("u-2")))
               .expectEvents(new UserRolesChanged("u-1", List.of(), NOW.plusSeconds(120), Actor.user("u-2")))
               .expectResultMessagePayload(true);
        fixture.given(registered)
               .when(new ChangeUserRoles("u-1", Set.of(), NOW.plusSeconds(60), Actor.user("u-2")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void aDisabledAccountLosesRolesButGainsNone() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        UserRolesChanged admin = new UserRolesChanged("u-1", List.of(UserRole.ADMIN), NOW, Actor.admin("ops"));
        UserDisabled disabled = new UserDisabled("u-1", NOW.plusSeconds(60), Actor.admin("ops"));

        fixture.given(registered, admin, disabled)
               .when(new ChangeUserRoles("u-1", Set.of(UserRole.ADMIN, UserRole.AUDITOR), NOW.plusSeconds(90),
                       Actor.admin("ops")))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
        fixture.given(registered, admin, disabled)
               .when(new ChangeUserRoles("u-1", Set.of(), NOW.plusSeconds(90), Actor.admin("ops")))
               .expectEvents(new UserRolesChanged("u-1", List.of(), NOW.plusSeconds(90), Actor.admin("ops")));
    }

    @Test
    void aPasswordResetRecordsOnlyTheNewHashAndRefusesAFastOne() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        String newHash = "bcrypt:$2a$10$zyxwvutsrqponmlkjihgfe";

        fixture.given(registered)
               .when(new ResetUserPassword("u-1", newHash, NOW.plusSeconds(60), Actor.user("u-2")))
               .expectEvents(new UserPasswordReset("u-1", newHash, NOW.plusSeconds(60), Actor.user("u-2")));
        fixture.given(registered)
               .when(new ResetUserPassword("u-1", "sha256:" + "ab".repeat(32), NOW.plusSeconds(60),
                       Actor.user("u-2")))
               .expectException(IllegalArgumentException.class)
               .expectNoEvents();
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

    /** GDPR Art. 17: erasing is recorded once, with why and at whose request, and the account is disabled with it. */
    @Test
    void erasingAUserRecordsTheReasonAndRequesterOnceAndDisablesTheAccount() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        UserErased erased = new UserErased("u-1", "GDPR Art. 17 request", "ticket 4711", NOW.plusSeconds(60),
                Actor.admin("ops"));

        fixture.given(registered)
               .when(new EraseUser("u-1", "GDPR Art. 17 request", "ticket 4711", NOW.plusSeconds(60),
                       Actor.admin("ops")))
               .expectEvents(erased)
               .expectResultMessagePayload(true);
        fixture.given(registered, erased)
               .when(new EraseUser("u-1", "again", "ticket 4712", NOW.plusSeconds(90), Actor.admin("ops")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
        fixture.given(registered, erased)
               .when(new DisableUser("u-1", NOW.plusSeconds(90), Actor.admin("ops")))
               .expectNoEvents()
               .expectResultMessagePayload(false);
    }

    @Test
    void anErasedAccountGetsNoNewProfilePasswordOrRole() {
        UserRegistered registered = new UserRegistered("u-1", "ada", "ada@example.com", BCRYPT, NOW,
                Actor.admin("ops"));
        UserErased erased = new UserErased("u-1", "GDPR Art. 17 request", "ticket 4711", NOW.plusSeconds(60),
                Actor.admin("ops"));

        fixture.given(registered, erased)
               .when(new UpdateUserProfile("u-1", "Ada Lovelace", true, NOW.plusSeconds(90), Actor.admin("ops")))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
        fixture.given(registered, erased)
               .when(new ResetUserPassword("u-1", BCRYPT, NOW.plusSeconds(90), Actor.admin("ops")))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
        fixture.given(registered, erased)
               .when(new ChangeUserRoles("u-1", Set.of(UserRole.AUDITOR), NOW.plusSeconds(90), Actor.admin("ops")))
               .expectException(IllegalStateException.class)
               .expectNoEvents();
    }
}
