package io.tokenledger.app.commanding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.IssueToken;
import io.tokenledger.events.token.RevocationOutcome;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.projections.RevocationCommit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Commands that arrive while a commit is under way commit together in the next transaction. To make a group form
 * for certain, each test holds a lock on {@code tokens} that the committer's first transaction waits for, queues
 * more commands behind it, and then lets go. Rows written by one transaction share its {@code xmin}.
 */
@TestPropertySource(properties = "ledger.group-commit-threads=1")
class GroupCommitTest extends LedgerIntegrationTest {

    private static final int GROUP = 11;

    @Autowired
    private GroupCommit groupCommit;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private CommandBus commandBus;

    @Test
    void issuancesQueuedBehindACommitShareOneTransactionEachEventWithItsOwnRequest() throws Exception {
        String basic = LedgerClient.basicHeader(ledger.register(adminToken(), "read"));
        List<Callable<HttpResponse<String>>> requests = IntStream.range(0, GROUP + 1)
                .<Callable<HttpResponse<String>>>mapToObj(i -> () -> ledger.form("/oauth2/token",
                        "grant_type=client_credentials", "Authorization", basic, "X-Request-Id", "group-" + i))
                .toList();

        DistributionSummary sizes = meters.get("ledger.group.commit.size").summary();
        long groups = sizes.count();
        double committed = sizes.totalAmount();

        List<HttpResponse<String>> responses = queuedBehindABlockedCommit(requests.get(0), requests.subList(1, GROUP + 1));

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        List<String> xmins = new ArrayList<>();
        for (int i = 0; i <= GROUP; i++) {
            String token = new ObjectMapper().readTree(responses.get(i).body()).get("access_token").asText();
            Map<String, Object> event = jdbc.queryForMap("""
                    SELECT e.xmin::text AS xmin, convert_from(e.meta_data, 'UTF8')::jsonb ->> 'requestId' AS request_id
                    FROM tokens t JOIN domain_event_entry e ON e.aggregate_identifier = t.token_id::text
                    WHERE t.access_token = ?""", Secrets.sha256(token));
            assertThat(event.get("request_id")).as("the request of token %d", i).isEqualTo("group-" + i);
            xmins.add((String) event.get("xmin"));
        }
        assertThat(xmins.subList(1, GROUP + 1)).as("the queued issuances' transaction").containsOnly(xmins.get(1));
        assertThat(xmins.get(1)).isNotEqualTo(xmins.get(0));
        assertThat(sizes.count() - groups).isEqualTo(2);
        assertThat(sizes.totalAmount() - committed).isEqualTo(GROUP + 1);
    }

    @Test
    void aCommandThatFailsInAGroupFailsAloneAndTheRestOfTheGroupCommits() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<IssueToken> commands = IntStream.range(0, GROUP + 1).mapToObj(i -> issue(client, i == 5)).toList();
        List<Callable<Object>> sends = commands.stream().<Callable<Object>>map(command -> () -> outcome(command)).toList();

        List<Object> outcomes = queuedBehindABlockedCommit(sends.get(0), sends.subList(1, GROUP + 1));

        assertThat(outcomes.get(5)).isEqualTo("a token must expire after it is issued");
        assertThat(transactionsOf(commands.subList(5, 6))).isEmpty();
        List<IssueToken> rest = new ArrayList<>(commands.subList(1, GROUP + 1));
        rest.remove(commands.get(5));
        assertThat(transactionsOf(rest)).as("the rest of the group, still one transaction").hasSize(1);
        for (int i = 0; i <= GROUP; i++) {
            if (i != 5) {
                assertThat(outcomes.get(i)).isEqualTo(commands.get(i).tokenId());
            }
        }
    }

    @Test
    void revocationsQueuedBehindACommitShareOneTransaction() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<RevokeToken> revocations = IntStream.range(0, GROUP + 1)
                .mapToObj(i -> revoke(client, groupCommit.sendAndWait(issue(client, false)))).toList();
        List<Callable<Object>> sends = revocations.stream().<Callable<Object>>map(r -> () -> outcome(r)).toList();

        List<Object> outcomes = queuedBehindABlockedCommit(sends.get(0), sends.subList(1, GROUP + 1));

        assertThat(outcomes).containsOnly(RevocationOutcome.REVOKED);
        List<String> revokedIn = revocations.stream().map(r -> revokedIn(r.tokenId())).toList();
        assertThat(revokedIn.subList(1, GROUP + 1)).as("the queued revocations' transaction")
                                                  .containsOnly(revokedIn.get(1));
        assertThat(revokedIn.get(1)).isNotEqualTo(revokedIn.get(0));
    }

    /**
     * A second command for an aggregate in a group would be decided on the first's changes while they may still roll
     * back: it waits for the next group, which sees the first's events committed.
     */
    @Test
    void twoCommandsForOneAggregateNeverShareAGroup() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<RevokeToken> revocations = new ArrayList<>(IntStream.range(0, GROUP)
                .mapToObj(i -> revoke(client, groupCommit.sendAndWait(issue(client, false)))).toList());
        revocations.add(revocations.get(4));
        List<Callable<Object>> sends = revocations.stream().<Callable<Object>>map(r -> () -> outcome(r)).toList();
        DistributionSummary sizes = meters.get("ledger.group.commit.size").summary();
        long groups = sizes.count();

        List<Object> outcomes = queuedBehindABlockedCommit(sends.get(0), sends.subList(1, GROUP + 1));

        assertThat(List.of(outcomes.get(4), outcomes.get(GROUP)))
                .containsExactlyInAnyOrder(RevocationOutcome.REVOKED, RevocationOutcome.ALREADY_REVOKED);
        assertThat(sizes.count() - groups).as("the blocked one, the queued ones, the repeated one").isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, revocations.get(4).tokenId())).as("issued, revoked once").isEqualTo(2);
    }

    /**
     * A group that fails as a whole (here at its commit; a database that cancels a statement or goes away fails it the
     * same way) is handled again by each sender alone, in its own transaction, as it would have been without grouping.
     * An error (not an exception), such as the assertion pgjdbc throws under {@code -ea} when its connection is cut
     * during a batch, makes Axon clean up without rolling back: the committer must roll the transaction back itself,
     * or every later group would join it, be answered, and never commit.
     */
    @ParameterizedTest
    @MethodSource("groupFailures")
    void aGroupWhoseCommitFailsIsHandledAgainByEachSenderAloneAndLaterGroupsStillCommit(Throwable failure)
            throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<IssueToken> commands = IntStream.range(0, GROUP + 1).mapToObj(i -> issue(client, false)).toList();

        List<Object> outcomes = inGroupsWhere(commands, commands.get(3), unitOfWork -> unitOfWork.root().onPrepareCommit(
                u -> {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure;
                }));

        assertThat(outcomes).isEqualTo(commands.stream().map(IssueToken::tokenId).toList());
        assertThat(transactionsOf(commands.subList(1, GROUP + 1))).as("each handled alone").hasSize(GROUP);
        HttpResponse<String> response = ledger.form("/oauth2/token", "grant_type=client_credentials",
                "Authorization", LedgerClient.basicHeader(client));
        assertThat(response.statusCode()).isEqualTo(200);
        String token = new ObjectMapper().readTree(response.body()).get("access_token").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens WHERE access_token = ?", Long.class,
                Secrets.sha256(token))).as("committed, seen from another connection").isOne();
    }

    /**
     * Once a group's COMMIT is sent, whether the database holds it is not known here: handled again, a redemption
     * would find its code redeemed and record a replay, a revocation its token revoked. Here the group's connection is
     * cut just before its COMMIT (so nothing committed): each sender hears the failure, as the gateway would have
     * told it, and none of them is handled again.
     */
    @Test
    void aGroupWhoseCommitWasSentIsNotHandledAgainEachSenderHearsTheFailure() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<RevokeToken> revocations = IntStream.range(0, GROUP + 1)
                .mapToObj(i -> revoke(client, groupCommit.sendAndWait(issue(client, false)))).toList();

        List<Object> outcomes = inGroupsWhere(revocations, revocations.get(3),
                unitOfWork -> unitOfWork.root().onCommit(u -> cutThisThreadsConnection()));

        assertThat(outcomes.get(0)).isEqualTo(RevocationOutcome.REVOKED);
        assertThat(outcomes.subList(1, GROUP + 1)).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(String.class));
        for (RevokeToken revocation : revocations.subList(1, GROUP + 1)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, revocation.tokenId())).as("issued, never revoked").isOne();
        }
    }

    /** Terminates the backend of the transaction bound to this thread, from a connection of its own. */
    private void cutThisThreadsConnection() {
        Integer pid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
        try (Connection other = dataSource.getConnection()) {
            other.createStatement().execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Throwable> groupFailures() {
        return List.of(new IllegalStateException("the group's commit failed"),
                new AssertionError("the group's commit failed"));
    }

    @Test
    void onceShutDownItLetsEachSenderHandleItsCommandAlone() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Create.class.getName(), message -> Thread.currentThread().getName());
        GroupCommit commits = new GroupCommit(bus, NoTransactionManager.INSTANCE, List.of(), new SimpleMeterRegistry(), 1,
                new RevocationCommit(null, ""));

        assertThat(commits.<String>sendAndWait(new Create("while running"))).isEqualTo("group-commit-1");
        commits.destroy();
        assertThat(commits.<String>sendAndWait(new Create("after shutdown")))
                .isEqualTo(Thread.currentThread().getName());
    }

    private record Create(String what) {
    }

    @Test
    void aNegativeNumberOfCommittersIsRefusedAtStartWithTheSettingsName() {
        assertThatThrownBy(() -> new GroupCommit(null, null, List.of(), new SimpleMeterRegistry(), -1,
                new RevocationCommit(null, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ledger.group-commit-threads must be 0 (one per two cores) or more, was -1");
    }

    /**
     * Sends the commands as {@link #queuedBehindABlockedCommit} does, with {@code trouble} done to {@code target}'s
     * unit of work after its handler ran, when a committer handles it (not when its sender handles it alone).
     */
    private List<Object> inGroupsWhere(List<?> commands, Object target, Consumer<UnitOfWork<?>> trouble)
            throws Exception {
        Registration interceptor = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (Thread.currentThread().getName().startsWith("group-commit")
                    && unitOfWork.getMessage().getPayload().equals(target)) {
                trouble.accept(unitOfWork);
            }
            return result;
        });
        try {
            List<Callable<Object>> sends = commands.stream().<Callable<Object>>map(c -> () -> outcome(c)).toList();
            return queuedBehindABlockedCommit(sends.get(0), sends.subList(1, sends.size()));
        } finally {
            interceptor.cancel();
        }
    }

    /**
     * Runs {@code first} until its commit waits for a lock on {@code tokens}, then the rest, which queue behind it;
     * once they all wait, releases the lock. Returns every outcome, first's first.
     */
    private <T> List<T> queuedBehindABlockedCommit(Callable<T> first, List<Callable<T>> rest) throws Exception {
        List<T> outcomes = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE tokens IN EXCLUSIVE MODE");
            CompletableFuture<T> firstOutcome = CompletableFuture.supplyAsync(() -> call(first));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTokensLock() == 1);
            CompletableFuture<List<T>> restOutcomes = CompletableFuture.supplyAsync(() -> call(() -> Concurrently.all(rest)));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == rest.size());
            lock.rollback();
            outcomes.add(firstOutcome.get());
            outcomes.addAll(restOutcomes.get());
        }
        return outcomes;
    }

    private double waiting() {
        return meters.get("ledger.group.commit.waiting").gauge().value();
    }

    /** The transactions that appended these commands' events. */
    private List<String> transactionsOf(List<IssueToken> commands) {
        return jdbc.queryForList("SELECT DISTINCT xmin::text FROM domain_event_entry WHERE aggregate_identifier = ANY (?)",
                String.class, (Object) commands.stream().map(IssueToken::tokenId).toArray(String[]::new));
    }

    private long waitingForTokensLock() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'tokens'::regclass",
                Long.class);
    }

    /** The command's result, or its failure's message. */
    private Object outcome(Object command) {
        try {
            return groupCommit.sendAndWait(command);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static IssueToken issue(ClientInformation client, boolean expiredAtIssue) {
        Instant now = Instant.now();
        return IssueToken.clientCredentials(TimeOrderedIds.next(), client.getID().getValue(), List.of("read"),
                List.of(), Secrets.sha256(Secrets.generate()), now, expiredAtIssue ? now : now.plusSeconds(60),
                null, null);
    }

    private static RevokeToken revoke(ClientInformation client, String tokenId) {
        return new RevokeToken(tokenId, RevocationReason.REVOKED_BY_CLIENT, Instant.now(),
                Actor.client(client.getID().getValue()), null);
    }

    /** The transaction that appended the token's revocation. */
    private String revokedIn(String tokenId) {
        return jdbc.queryForObject("SELECT xmin::text FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 1", String.class, tokenId);
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
