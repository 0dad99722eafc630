package io.tokenledger.projections.ledger;

import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The seal taken as Axon's engine appends an event is the one recomputed from the row it stored. */
class SealingAppenderTest {

    private final Seals seals = new Seals(UUID.randomUUID().toString().getBytes());

    @Test
    void theSealOfEachAppendedEventMatchesItsStoredRow() {
        DataSource data = TestDatabase.create().dataSource();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(data::getConnection))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .schema(EventTable.schema())
                .appendEvents(new SealingAppender(seals))
                .build();
        String tokenId = UUID.randomUUID().toString();
        DomainEventMessage<?> domain = new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0,
                ProjectionFixtures.tokenIssued(tokenId, "c-1"), MetaData.with("requestId", "r-1"));
        var plain = new GenericEventMessage<>(ProjectionFixtures.tokenIssued(tokenId, "c-2"));

        engine.appendEvents(List.of(domain, plain));

        JdbcTemplate jdbc = new JdbcTemplate(data);
        List<Boolean> matches = jdbc.query("SELECT " + Seals.EVENT_COLUMNS + " FROM domain_event_entry",
                (row, n) -> Arrays.equals(seals.expected(row), row.getBytes("seal")));
        assertThat(matches).containsExactly(true, true);
        jdbc.update("UPDATE domain_event_entry SET meta_data = convert_to('{}', 'UTF8') WHERE sequence_number = 0 "
                + "AND aggregate_identifier = ?", tokenId);
        assertThat(jdbc.query("SELECT " + Seals.EVENT_COLUMNS + " FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?",
                (row, n) -> Arrays.equals(seals.expected(row), row.getBytes("seal")), tokenId))
                .as("the seal covers the metadata").containsExactly(false);
    }
}
