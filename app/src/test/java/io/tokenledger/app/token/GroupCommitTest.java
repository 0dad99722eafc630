package io.tokenledger.app.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.events.token.IssueToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static java.util.Collections.nCopies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issuances that arrive while a commit is under way commit together in the next transaction. To make a group form
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

    @Test
    void issuancesQueuedBehindACommitShareOneTransactionEachEventWithItsOwnRequest() throws Exception {
        String basic = LedgerClient.basicHeader(ledger.register(adminToken(), "read"));
        List<Callable<HttpResponse<String>>> requests = IntStream.range(0, GROUP + 1)
                .<Callable<HttpResponse<String>>>mapToObj(i -> () -> ledger.form("/oauth2/token",
                        "grant_type=client_credentials", "Authorization", basic, "X-Request-Id", "group-" + i))
                .toList();

        List<HttpResponse<String>> responses = queuedBehindABlockedCommit(requests.get(0), requests.subList(1, GROUP + 1),
                () -> { });

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
        assertThat(meters.get("ledger.group.commit.size").summary().max()).isEqualTo(GROUP);
    }

    @Test
    void aCommandThatFailsInAGroupFailsAloneAndTheRestOfTheGroupCommits() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<IssueToken> commands = IntStream.range(0, GROUP + 1).mapToObj(i -> issue(client, i == 5)).toList();
        List<Callable<Object>> sends = commands.stream().<Callable<Object>>map(command -> () -> outcome(command)).toList();

        List<Object> outcomes = queuedBehindABlockedCommit(sends.get(0), sends.subList(1, GROUP + 1), () -> { });

        for (int i = 0; i <= GROUP; i++) {
            long rows = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, commands.get(i).tokenId());
            if (i == 5) {
                assertThat(outcomes.get(i)).asString().isEqualTo("a token must expire after it is issued");
                assertThat(rows).isZero();
            } else {
                assertThat(outcomes.get(i)).isEqualTo(commands.get(i).tokenId());
                assertThat(rows).isOne();
            }
        }
    }

    /**
     * A group whose statement the database cancels (as a lock or statement timeout would) fails as a whole, at once,
     * with the 503 of a database in trouble: handled again one by one, each would wait for the database on its own.
     */
    @Test
    void aGroupCancelledByTheDatabaseAnswersEachOfItsRequests503AtOnce() throws Exception {
        String basic = LedgerClient.basicHeader(ledger.register(adminToken(), "read"));
        long events = allEvents();
        Callable<HttpResponse<String>> request = () -> ledger.form("/oauth2/token", "grant_type=client_credentials",
                "Authorization", basic);

        List<HttpResponse<String>> responses = queuedBehindABlockedCommit(request, nCopies(GROUP, request), () -> {
            cancelWaitingForTokensLock();
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0 && waitingForTokensLock() == 1);
            cancelWaitingForTokensLock();
        });

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("temporarily_unavailable");
        });
        assertThat(allEvents()).isEqualTo(events);
    }

    @Test
    void aNegativeNumberOfCommittersIsRefusedAtStartWithTheSettingsName() {
        assertThatThrownBy(() -> new GroupCommit(null, null, List.of(), new SimpleMeterRegistry(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ledger.group-commit-threads must be 0 (one per two cores) or more, was -1");
    }

    /**
     * Runs {@code first} until its commit waits for a lock on {@code tokens}, then the rest, which queue behind it;
     * once they all wait, runs {@code meanwhile} and releases the lock. Returns every outcome, first's first.
     */
    private <T> List<T> queuedBehindABlockedCommit(Callable<T> first, List<Callable<T>> rest, Runnable meanwhile)
            throws Exception {
        List<T> outcomes = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE tokens IN EXCLUSIVE MODE");
            CompletableFuture<T> firstOutcome = CompletableFuture.supplyAsync(() -> call(first));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTokensLock() == 1);
            CompletableFuture<List<T>> restOutcomes = CompletableFuture.supplyAsync(() -> call(() -> Concurrently.all(rest)));
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == rest.size());
            meanwhile.run();
            lock.rollback();
            outcomes.add(firstOutcome.get());
            outcomes.addAll(restOutcomes.get());
        }
        return outcomes;
    }

    private double waiting() {
        return meters.get("ledger.group.commit.waiting").gauge().value();
    }

    private void cancelWaitingForTokensLock() {
        jdbc.queryForList("SELECT pg_cancel_backend(pid) FROM pg_locks WHERE NOT granted "
                + "AND relation = 'tokens'::regclass");
    }

    private long waitingForTokensLock() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'tokens'::regclass",
                Long.class);
    }

    /** The command's result, or its failure's message. */
    private Object outcome(IssueToken command) {
        try {
            return groupCommit.sendAndWait(command);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static IssueToken issue(ClientInformation client, boolean expiredAtIssue) {
        Instant now = Instant.now();
        return IssueToken.clientCredentials(TimeOrderedIds.next(), client.getID().getValue(), List.of("read"),
                Secrets.sha256(Secrets.generate()), now, expiredAtIssue ? now : now.plusSeconds(60));
    }

    private static <T> T call(Callable<T> callable) {
        try {
            return callable.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
