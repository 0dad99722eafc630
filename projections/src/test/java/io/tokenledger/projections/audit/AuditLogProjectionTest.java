package io.tokenledger.projections.audit;

import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

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
    void writesOneRowPerEventAtItsLedgerPositionWithoutAnyHash() throws Exception {
        String tokenId = UUID.randomUUID().toString();
        TokenIssued issued = ProjectionFixtures.tokenIssued(tokenId, "c-1");
        var message = new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0, issued);

        audit.on(issued, message, new GlobalSequenceTrackingToken(41));
        audit.on(issued, message, new GlobalSequenceTrackingToken(41));

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE global_index = 41");
        assertThat(row.get("event_type")).isEqualTo("TokenIssued");
        assertThat(row.get("aggregate_type")).isEqualTo("TokenAggregate");
        assertThat(row.get("aggregate_id")).isEqualTo(tokenId);
        assertThat(row.get("client_id")).isEqualTo("c-1");
        assertThat(row.get("token_id")).hasToString(tokenId);
        assertThat(row.get("actor")).isEqualTo("client:c-1");
        assertThat(row.get("details").toString()).contains("\"grantType\": \"client_credentials\"")
                                                  .doesNotContain("Hash").doesNotContain("sha256:");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(1L);
    }
}
