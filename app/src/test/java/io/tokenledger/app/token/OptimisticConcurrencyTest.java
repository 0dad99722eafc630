package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.command.token.TokenAggregate;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes change one token at the same moment. Within a node Axon serialises commands per aggregate; across
 * nodes only the event table's unique (aggregate, sequence) stands between them. Here two repositories without
 * locks stand for the two nodes: both load the token, both revoke it, both commit.
 */
class OptimisticConcurrencyTest extends LedgerIntegrationTest {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactionManager;

    @Test
    void oneWriterWinsTheOtherGetsACleanConflictAndNothingIsHalfWritten() throws Exception {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        for (int round = 0; round < 20; round++) {
            race(client);
        }
    }

    private void race(ClientAuthentication client) throws Exception {
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();
        CyclicBarrier bothLoaded = new CyclicBarrier(2);

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Object>> outcomes;
        try {
            outcomes = nodes.invokeAll(List.of(revokeOnNode("node-a", tokenId, bothLoaded),
                    revokeOnNode("node-b", tokenId, bothLoaded)));
        } finally {
            nodes.shutdown();
        }

        List<Object> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());
        assertThat(results).filteredOn(r -> r instanceof String).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ConcurrencyException).hasSize(1);
        String winner = (String) results.stream().filter(r -> r instanceof String).findFirst().orElseThrow();
        assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, tokenId)).containsExactlyInAnyOrder(0L, 1L);
        assertThat(jdbc.queryForObject("SELECT revoked_by FROM tokens WHERE token_id = ?::uuid", String.class, tokenId))
                .isEqualTo("admin:" + winner);
    }

    private Callable<Object> revokeOnNode(String node, String tokenId, CyclicBarrier bothLoaded) {
        var repository = EventSourcingRepository.builder(TokenAggregate.class)
                                                .eventStore(eventStore)
                                                .lockFactory(NullLockFactory.INSTANCE)
                                                .build();
        RevokeToken command = new RevokeToken(tokenId, RevocationReason.REVOKED_BY_ADMIN, Instant.now(), Actor.admin(node));
        return () -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                    org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(command));
            unitOfWork.attachTransaction(transactionManager);
            try {
                var token = repository.load(tokenId);
                bothLoaded.await();
                token.execute(aggregate -> aggregate.handle(command));
                unitOfWork.commit();
                return node;
            } catch (ConcurrencyException e) {
                return e;
            }
        };
    }
}
