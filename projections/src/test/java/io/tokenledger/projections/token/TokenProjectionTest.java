package io.tokenledger.projections.token;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenRevoked;
import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.projections.client.ClientProjection;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tokenledger.projections.ProjectionFixtures.NOW;
import static io.tokenledger.projections.ProjectionFixtures.clientRegistered;
import static io.tokenledger.projections.ProjectionFixtures.tokenIssued;
import static org.assertj.core.api.Assertions.assertThat;

class TokenProjectionTest {

    private static JdbcTemplate jdbc;
    private static TokenProjection tokens;

    @BeforeAll
    static void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        tokens = new TokenProjection(jdbc);
        new ClientProjection(jdbc).on(clientRegistered("c-1"));
    }

    @Test
    void anIssuedTokenBecomesARowWithTheSeedColumns() {
        String id = UUID.randomUUID().toString();
        tokens.on(tokenIssued(id, "c-1"));

        Map<String, Object> row = row(id);
        assertThat(row.get("client_id")).isEqualTo("c-1");
        assertThat(row.get("token_type")).isEqualTo("Bearer");
        assertThat((String) row.get("access_token")).startsWith("sha256:");
        assertThat(row.get("scope")).isEqualTo("read");
        assertThat(row.get("grant_type")).isEqualTo("client_credentials");
        assertThat(row.get("revoked_at")).isNull();
        assertThat(jdbc.queryForObject("SELECT expires_at - created_at = INTERVAL '1 hour' FROM tokens WHERE token_id = ?::uuid",
                Boolean.class, id)).isTrue();
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        String id = UUID.randomUUID().toString();
        tokens.on(tokenIssued(id, "c-1"));
        tokens.on(tokenIssued(id, "c-1"));
        TokenRevoked first = new TokenRevoked(id, "c-1", RevocationReason.REVOKED_BY_CLIENT, NOW.plusSeconds(10),
                Actor.client("c-1"));
        tokens.on(first);
        Map<String, Object> afterFirst = row(id);
        tokens.on(first);
        tokens.on(new TokenRevoked(id, "c-1", RevocationReason.REVOKED_BY_ADMIN, NOW.plusSeconds(99),
                Actor.admin("root")));

        assertThat(row(id)).isEqualTo(afterFirst);
        assertThat(afterFirst.get("revocation_reason")).isEqualTo("REVOKED_BY_CLIENT");
        assertThat(afterFirst.get("revoked_by")).isEqualTo("client:c-1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens WHERE token_id = ?::uuid", Long.class, id))
                .isEqualTo(1L);
    }

    /** A rebuild's batch is written together before it commits, in order: a revocation follows its issuance. */
    @Test
    void aBatchIsWrittenTogetherInOrderBeforeItCommits() {
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        List<EventMessage<?>> events = List.of(event(tokenIssued(ids.get(0), "c-1")),
                event(tokenIssued(ids.get(1), "c-1")), event(revoked(ids.get(0))), event(tokenIssued(ids.get(2), "c-1")));

        ProjectionFixtures.inOneBatch(events, (payload, event) -> handle(event),
                () -> assertThat(count(ids)).as("nothing written per event").isZero());

        assertThat(count(ids)).isEqualTo(3);
        assertThat(row(ids.get(0)).get("revocation_reason")).isEqualTo("REVOKED_BY_CLIENT");
        assertThat(row(ids.get(1)).get("revoked_at")).isNull();
    }

    /**
     * A subscribing processor's unit of work is nested in the command's: its rows are written when it commits, so they
     * are there before the command's transaction commits (read-your-writes), not left for a later phase.
     */
    @Test
    void aNestedBatchIsWrittenBeforeTheOuterUnitOfWorkCommits() {
        String id = UUID.randomUUID().toString();
        DefaultUnitOfWork<EventMessage<?>> command = DefaultUnitOfWork.startAndGet(event("IssueToken"));
        try {
            ProjectionFixtures.inOneBatch(List.of(event(tokenIssued(id, "c-1"))), (payload, event) -> handle(event),
                    () -> { });
            assertThat(count(List.of(id))).isEqualTo(1);
        } finally {
            command.commit();
        }
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static TokenRevoked revoked(String id) {
        return new TokenRevoked(id, "c-1", RevocationReason.REVOKED_BY_CLIENT, NOW.plusSeconds(10), Actor.client("c-1"));
    }

    private static void handle(EventMessage<?> event) {
        try {
            new AnnotationEventHandlerAdapter(tokens).handle(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(List<String> ids) {
        return jdbc.queryForObject("SELECT count(*) FROM tokens WHERE token_id::text = ANY (?)", Long.class,
                (Object) ids.toArray(String[]::new));
    }

    private static Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM tokens WHERE token_id = ?::uuid", id);
    }
}
