package io.tokenledger.projections.audit;

import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogProjectionTest {

    private static JdbcTemplate jdbc;
    private static AuditLogProjection audit;

    @BeforeAll
    static void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        audit = new AuditLogProjection(jdbc, ProjectionFixtures.json());
    }

    @Test
    void writesOneRowPerEventAtItsLedgerPositionWithoutAnyHash() {
        String tokenId = UUID.randomUUID().toString();
        TokenIssued issued = ProjectionFixtures.tokenIssued(tokenId, "c-1");
        var message = new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0, issued)
                .andMetaData(Map.of("remoteAddress", "203.0.113.7", "userAgent", "curl/8", "requestId", "req-1"));

        ProjectionFixtures.stored(jdbc, message, 41);
        audit.on(issued, message);
        audit.on(issued, message);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE global_index = 41");
        assertThat(row.get("event_type")).isEqualTo("TokenIssued");
        assertThat(row.get("aggregate_type")).isEqualTo("TokenAggregate");
        assertThat(row.get("aggregate_id")).isEqualTo(tokenId);
        assertThat(row.get("client_id")).isEqualTo("c-1");
        assertThat(row.get("token_id")).hasToString(tokenId);
        assertThat(row.get("actor")).isEqualTo("client:c-1");
        assertThat(row.get("remote_address")).isEqualTo("203.0.113.7");
        assertThat(row.get("user_agent")).isEqualTo("curl/8");
        assertThat(row.get("request_id")).isEqualTo("req-1");
        assertThat(row.get("details").toString()).contains("\"grantType\": \"client_credentials\"")
                                                  .doesNotContain("Hash").doesNotContain("sha256:");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE global_index = 41", Long.class)).isEqualTo(1L);
    }

    /** A streaming processor's batch is written together before it commits; a repeated event still counts once. */
    @Test
    void aBatchIsWrittenTogetherBeforeItCommits() {
        List<GenericDomainEventMessage<TokenIssued>> events = List.of(42, 43, 44).stream().map(position -> {
            String tokenId = UUID.randomUUID().toString();
            var message = new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0,
                    ProjectionFixtures.tokenIssued(tokenId, "c-batch"));
            ProjectionFixtures.stored(jdbc, message, position);
            return message;
        }).toList();
        String rows = "SELECT count(*) FROM audit_log WHERE client_id = 'c-batch'";

        ProjectionFixtures.inOneBatch(List.of(events.get(0), events.get(1), events.get(0), events.get(2)),
                (payload, event) -> {
                    try {
                        audit.on(payload, event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> assertThat(jdbc.queryForObject(rows, Long.class)).as("nothing written per event").isZero());

        assertThat(jdbc.queryForList("SELECT global_index FROM audit_log WHERE client_id = 'c-batch' ORDER BY 1",
                Long.class)).containsExactly(42L, 43L, 44L);
    }

    @Test
    void nestedHashesAreRemovedAndTheIssuedTokenIsNamed() throws Exception {
        String grantId = UUID.randomUUID().toString();
        String tokenId = UUID.randomUUID().toString();
        var redeemed = new AuthorizationCodeRedeemed(grantId, "c-1", "u-1", new GrantToken(tokenId, List.of("read"), null,
                "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), ProjectionFixtures.NOW,
                ProjectionFixtures.NOW.plusSeconds(60), null, null), ProjectionFixtures.NOW.plusSeconds(3600), null, Actor.client("c-1"));

        var message = new GenericDomainEventMessage<>("GrantAggregate", grantId, 1, redeemed);
        ProjectionFixtures.stored(jdbc, message, 77);
        audit.on(redeemed, message);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE global_index = 77");
        assertThat(row.get("token_id")).hasToString(tokenId);
        assertThat(row.get("user_id")).isEqualTo("u-1");
        assertThat(row.get("details").toString()).doesNotContain("sha256:").doesNotContain("Hash");
    }
}
