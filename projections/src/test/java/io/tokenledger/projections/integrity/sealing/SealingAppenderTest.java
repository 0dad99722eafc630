package io.tokenledger.projections.integrity.sealing;

import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.projections.integrity.ChainFixture;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The seal taken as Axon's engine appends an event is the one recomputed from the row it stored. */
class SealingAppenderTest {

    private final ChainFixture ledger = new ChainFixture("k1:" + ChainFixture.randomKey());

    @Test
    void theSealOfEachAppendedEventMatchesItsStoredRow() {
        String tokenId = UUID.randomUUID().toString();
        DomainEventMessage<?> domain = new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0,
                ProjectionFixtures.tokenIssued(tokenId, "c-1"), MetaData.with("requestId", "r-1"));
        var plain = new GenericEventMessage<>(ProjectionFixtures.tokenIssued(tokenId, "c-2"));

        ledger.engine().appendEvents(List.of(domain, plain));

        JdbcTemplate jdbc = ledger.jdbc;
        List<Boolean> matches = jdbc.query(StoredEvent.SELECT + " ORDER BY e.global_index", (row, n) -> matches(row));
        assertThat(matches).containsExactly(true, true);
        assertThat(jdbc.queryForList("SELECT seal_key_id FROM domain_event_entry", String.class))
                .as("each row names the key that sealed it").containsExactly("k1", "k1");
        jdbc.update("UPDATE domain_event_entry SET meta_data = convert_to('{}', 'UTF8') WHERE sequence_number = 0 "
                + "AND aggregate_identifier = ?", tokenId);
        assertThat(jdbc.query(StoredEvent.SELECT + " WHERE e.aggregate_identifier = ?", (row, n) -> matches(row),
                tokenId))
                .as("the seal covers the metadata").containsExactly(false);
    }

    private boolean matches(ResultSet row) throws SQLException {
        StoredEvent event = StoredEvent.of(row);
        return Arrays.equals(ledger.seals.expected(event).orElseThrow(), event.seal());
    }
}
