package io.tokenledger.projections.ledger;

import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerChainProjectionTest {

    private JdbcTemplate jdbc;
    private LedgerChainProjection chain;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        chain = new LedgerChainProjection(jdbc);
    }

    /** A late-committing event reaches the processor after later positions: it is linked at its own position. */
    @Test
    void linksEachEventAtItsOwnPositionInTheOrderItArrives() {
        DomainEventMessage<?> early = sealed(5);
        DomainEventMessage<?> later = sealed(6);

        chain.on(later.getPayload(), later);
        chain.on(early.getPayload(), early);
        chain.on(later.getPayload(), later);

        assertThat(jdbc.queryForList("SELECT global_index FROM ledger_chain_link ORDER BY chain_seq", Long.class))
                .containsExactly(6L, 5L);
        assertEachLinkFollowsFromTheOneBefore();
    }

    /**
     * A streaming processor delivers a batch in one unit of work: it is linked in delivery order, once each, in one
     * row of links, whether an event's seal is in its row or, appended before V8, in {@code ledger_seal}.
     */
    @Test
    void aBatchIsLinkedInDeliveryOrderOnceEachAfterTheChainsHead() {
        DomainEventMessage<?> first = sealed(1);
        chain.on(first.getPayload(), first);
        DomainEventMessage<?> early = sealedBeforeV8(5);
        DomainEventMessage<?> later = sealed(6);
        DomainEventMessage<?> unsealed = message();
        ProjectionFixtures.stored(jdbc, unsealed, 7);

        ProjectionFixtures.inOneBatch(List.of(later, unsealed, early, later, first), chain::on,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_chain_link", Long.class))
                        .as("written together when the batch commits").isEqualTo(1L));

        assertThat(jdbc.queryForList("SELECT global_index FROM ledger_chain_link ORDER BY chain_seq", Long.class))
                .containsExactly(1L, 6L, 5L);
        assertThat(jdbc.queryForList("SELECT cardinality(positions) FROM ledger_chain ORDER BY last_seq", Integer.class))
                .as("one row per batch").containsExactly(1, 2);
        assertEachLinkFollowsFromTheOneBefore();
    }

    @Test
    void anEventWithoutASealIsLeftForVerificationToName() {
        DomainEventMessage<?> unsealed = message();
        ProjectionFixtures.stored(jdbc, unsealed, 9);

        chain.on(unsealed.getPayload(), unsealed);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_chain_link", Long.class)).isZero();
    }

    /**
     * Every link's tag, and the full digest of each row's last link, as the seals and positions give them in chain
     * order: a new ledger's links all bind their positions.
     */
    private void assertEachLinkFollowsFromTheOneBefore() {
        byte[] digest = null;
        for (Map<String, Object> link : jdbc.queryForList(
                "SELECT global_index, tag, digest FROM ledger_chain_link ORDER BY chain_seq")) {
            long position = (Long) link.get("global_index");
            digest = Seals.chain(digest, position, seal(position));
            assertThat((byte[]) link.get("tag")).isEqualTo(Seals.tag(digest));
            if (link.get("digest") != null) {
                assertThat((byte[]) link.get("digest")).isEqualTo(digest);
            }
        }
        assertThat(digest).as("links").isNotNull();
    }

    private DomainEventMessage<?> sealed(long position) {
        DomainEventMessage<?> message = message();
        ProjectionFixtures.stored(jdbc, message, position);
        jdbc.update("UPDATE domain_event_entry SET seal = ? WHERE global_index = ?", randomSeal(), position);
        return message;
    }

    private DomainEventMessage<?> sealedBeforeV8(long position) {
        DomainEventMessage<?> message = message();
        ProjectionFixtures.stored(jdbc, message, position);
        jdbc.update("INSERT INTO ledger_seal (global_index, event_identifier, mac) VALUES (?, ?, ?)", position,
                message.getIdentifier(), randomSeal());
        return message;
    }

    private byte[] seal(long position) {
        return jdbc.queryForObject("""
                SELECT coalesce(e.seal, s.mac) FROM domain_event_entry e
                LEFT JOIN ledger_seal s ON s.global_index = e.global_index WHERE e.global_index = ?""", byte[].class,
                position);
    }

    private static byte[] randomSeal() {
        return UUID.randomUUID().toString().getBytes();
    }

    private static DomainEventMessage<?> message() {
        String tokenId = UUID.randomUUID().toString();
        TokenIssued issued = ProjectionFixtures.tokenIssued(tokenId, "c-1");
        return new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0, issued);
    }
}
