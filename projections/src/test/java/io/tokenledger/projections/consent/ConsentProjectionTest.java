package io.tokenledger.projections.consent;

import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.consent.ConsentGranted;
import io.tokenledger.events.consent.ConsentRevoked;
import io.tokenledger.projections.client.ClientProjection;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static io.tokenledger.projections.ProjectionFixtures.NOW;
import static io.tokenledger.projections.ProjectionFixtures.clientRegistered;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentProjectionTest {

    private static JdbcTemplate jdbc;
    private static ConsentProjection consents;

    @BeforeAll
    static void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        consents = new ConsentProjection(jdbc);
        new ClientProjection(jdbc).on(clientRegistered("c-1"));
    }

    @Test
    void aConsentIsOneRowThatWidensIsRevokedAndIsGrantedAgain() {
        consents.on(granted("u-1", List.of("openid"), 0));
        consents.on(granted("u-1", List.of("email", "openid"), 10));
        assertThat(row("u-1")).containsEntry("scope", "email openid").containsEntry("revoked_at", null);

        consents.on(revoked("u-1", 20));
        assertThat(row("u-1")).containsEntry("scope", null);
        assertThat(row("u-1").get("revoked_at")).isNotNull();

        consents.on(granted("u-1", List.of("openid"), 30));
        assertThat(row("u-1")).containsEntry("scope", "openid").containsEntry("revoked_at", null);
    }

    @Test
    void eventsDeliveredAgainOrLateUndoNothing() {
        consents.on(granted("u-2", List.of("openid"), 0));
        consents.on(revoked("u-2", 20));
        Map<String, Object> revoked = row("u-2");

        consents.on(granted("u-2", List.of("openid"), 0));
        consents.on(revoked("u-2", 20));

        assertThat(row("u-2")).isEqualTo(revoked);
    }

    @Test
    void aClientRegisteredBeforeConsentExistedIsFirstParty() {
        var legacy = clientRegistered("c-legacy");
        new ClientProjection(jdbc).on(new ClientRegistered(legacy.clientId(),
                legacy.clientName(), legacy.secretHash(), legacy.redirectUris(), legacy.grantTypes(), legacy.scopes(),
                legacy.tokenEndpointAuthMethod(), null, null, null, null, null, null, null, null, null, legacy.registeredAt(), legacy.actor()));

        assertThat(jdbc.queryForObject("SELECT first_party FROM clients WHERE client_id = 'c-legacy'", Boolean.class))
                .isTrue();
        assertThat(jdbc.queryForObject("SELECT first_party FROM clients WHERE client_id = 'c-1'", Boolean.class))
                .isFalse();
    }

    private static ConsentGranted granted(String userId, List<String> scopes, long second) {
        return new ConsentGranted(userId + "/c-1", userId, "c-1", scopes, scopes, "s-1", NOW.plusSeconds(second),
                Actor.user(userId));
    }

    private static ConsentRevoked revoked(String userId, long second) {
        return new ConsentRevoked(userId + "/c-1", userId, "c-1", List.of("openid"), NOW.plusSeconds(second),
                Actor.admin("ops"));
    }

    private static Map<String, Object> row(String userId) {
        return jdbc.queryForMap("SELECT scope, revoked_at FROM consents WHERE user_id = ? AND client_id = 'c-1'",
                userId);
    }
}
