package io.tokenledger.projections.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.AuthorizationCodeReplayed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.projections.client.ClientProjection;
import io.tokenledger.projections.token.TokenProjection;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tokenledger.projections.ProjectionFixtures.NOW;
import static io.tokenledger.projections.ProjectionFixtures.clientRegistered;
import static org.assertj.core.api.Assertions.assertThat;

class GrantProjectionsTest {

    private static final Actor CLIENT = Actor.client("c-1");
    private static JdbcTemplate jdbc;
    private static TokenProjection tokens;
    private static AuthorizationCodeProjection codes;

    @BeforeAll
    static void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        tokens = new TokenProjection(jdbc);
        codes = new AuthorizationCodeProjection(jdbc);
        new ClientProjection(jdbc).on(clientRegistered("c-1"));
    }

    @Test
    void aCodeIsARowWithTheSeedColumnsAndItsUseAndReplayAreRecorded() {
        String grant = UUID.randomUUID().toString();
        codes.on(new AuthorizationCodeIssued(grant, "c-1", "u-1", "sha256:code-" + grant, "https://app.example/cb",
                List.of("read"), null, "challenge", "S256", NOW, NOW.plusSeconds(60), null, null, null,
                new Actor("user", "u-1")));
        codes.on(redeemed(grant, token("t")));
        codes.on(new AuthorizationCodeReplayed(grant, "c-1", NOW.plusSeconds(9), CLIENT));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM authorization_codes WHERE grant_id = ?::uuid", grant);
        assertThat(row.get("code")).isEqualTo("sha256:code-" + grant);
        assertThat(row.get("user_id")).isEqualTo("u-1");
        assertThat(row.get("code_challenge_method")).isEqualTo("S256");
        assertThat(row.get("used_at")).isNotNull();
        assertThat(row.get("replayed_at")).isNotNull();
    }

    @Test
    void rotationRetiresTheOldRefreshTokenAndAddsTheNewToken() {
        String grant = UUID.randomUUID().toString();
        GrantToken first = token("first");
        GrantToken second = token("second");
        tokens.on(redeemed(grant, first));
        tokens.on(new RefreshTokenRotated(grant, "c-1", "u-1", first.tokenId(), second, null, NOW.plus(Duration.ofDays(30)), null,
                CLIENT));
        tokens.on(new RefreshTokenRotated(grant, "c-1", "u-1", first.tokenId(), second, null, NOW.plus(Duration.ofDays(30)), null,
                CLIENT));

        assertThat(row(first).get("refresh_token_rotated_at")).isNotNull();
        assertThat(row(first).get("revoked_at")).isNull();
        assertThat(row(second).get("grant_type")).isEqualTo("refresh_token");
        assertThat(row(second).get("user_id")).isEqualTo("u-1");
        assertThat(row(second).get("grant_id")).hasToString(grant);
        assertThat(row(second).get("audience")).as("RFC 8707")
                                               .isEqualTo("https://api.example/ https://billing.example/");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens WHERE grant_id = ?::uuid", Long.class, grant))
                .isEqualTo(2L);
    }

    @Test
    void aRetryRevokesTheSupersededTokenAndARevokedGrantRevokesEveryToken() {
        String grant = UUID.randomUUID().toString();
        GrantToken first = token("first");
        GrantToken lost = token("lost");
        GrantToken retried = token("retried");
        tokens.on(redeemed(grant, first));
        tokens.on(new RefreshTokenRotated(grant, "c-1", "u-1", first.tokenId(), lost, null, NOW, null, CLIENT));
        tokens.on(new RefreshTokenRotated(grant, "c-1", "u-1", first.tokenId(), retried, lost.tokenId(), NOW, null, CLIENT));

        assertThat(row(lost).get("revocation_reason")).isEqualTo("SUPERSEDED");
        assertThat(row(retried).get("revoked_at")).isNull();

        tokens.on(new GrantRevoked(grant, "c-1", List.of(first.tokenId(), lost.tokenId(), retried.tokenId()),
                RevocationReason.REFRESH_REUSED, NOW.plusSeconds(99), CLIENT));
        assertThat(row(first).get("revocation_reason")).isEqualTo("REFRESH_REUSED");
        assertThat(row(retried).get("revocation_reason")).isEqualTo("REFRESH_REUSED");
        assertThat(row(lost).get("revocation_reason")).as("an earlier revocation stands").isEqualTo("SUPERSEDED");
    }

    private static AuthorizationCodeRedeemed redeemed(String grant, GrantToken token) {
        return new AuthorizationCodeRedeemed(grant, "c-1", "u-1", token, NOW.plus(Duration.ofDays(30)), null, CLIENT);
    }

    private static GrantToken token(String name) {
        String id = UUID.randomUUID().toString();
        return new GrantToken(id, List.of("read"), List.of("https://api.example/", "https://billing.example/"),
                "sha256:a-" + name + id, "sha256:r-" + name + id, NOW, NOW.plus(Duration.ofHours(1)), null, null);
    }

    private static Map<String, Object> row(GrantToken token) {
        return jdbc.queryForMap("SELECT * FROM tokens WHERE token_id = ?::uuid", token.tokenId());
    }
}
