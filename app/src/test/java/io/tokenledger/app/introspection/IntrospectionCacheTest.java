package io.tokenledger.app.introspection;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerNodes;
import io.tokenledger.query.cache.IntrospectionCache;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes over one database, each with its introspection cache turned on. RFC 7009 §2: a revoked token "cannot be
 * used again"; across servers the RFC allows a propagation delay, which "implementations should minimize". On the
 * node that revoked it there is none; on another it lasts until that node hears the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntrospectionCacheTest {

    private static final String CACHE_ON = "--ledger.introspection-cache-size=10000";

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private LedgerClient a;
    private LedgerClient b;
    private String admin;

    @BeforeAll
    void startTwoNodes() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        nodeA = LedgerNodes.start(db, "all-1", CACHE_ON);
        nodeB = LedgerNodes.start(db, "all-2", CACHE_ON);
        a = LedgerNodes.client(nodeA);
        b = LedgerNodes.client(nodeB);
        admin = LedgerNodes.adminToken(a);
    }

    @AfterAll
    void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aNodeRunningTheCacheTurnsOnTheWritersAnnouncements() {
        assertThat(announcementsOn()).isTrue();
    }

    @Test
    void aTokenIntrospectedAgainIsAnsweredFromTheCache() {
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
        String token = a.accessToken(client, "read");
        double hits = tokenHits(nodeA);

        var first = a.introspect(client, token);
        var second = a.introspect(client, token);

        assertThat(tokenHits(nodeA)).isEqualTo(hits + 1);
        assertThat(second.toJSONObject()).isEqualTo(first.toJSONObject());
        assertThat(second.isActive()).isTrue();
    }

    /** With the notifications switched off only the node's own eviction can answer the revocation. */
    @Test
    void aRevocationIsSeenAtOnceOnTheNodeThatMadeIt_RFC7009Section2() {
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
        notifications(false);
        try {
            for (int round = 0; round < 10; round++) {
                String token = cachedOnA(client);
                assertThat(a.revoke(client, token).getStatusCode()).isEqualTo(200);
                assertThat(a.introspect(client, token).isActive()).as("round %d", round).isFalse();
            }
            String elsewhere = cachedOnA(client);
            b.revoke(client, elsewhere);
            assertThat(a.introspect(client, elsewhere).isActive())
                    .as("without the notification node A cannot know of node B's revocation").isTrue();
        } finally {
            notifications(true);
        }
    }

    /** Prints how often node A's very next introspection already knew: the delay is that of a NOTIFY, not of a poll. */
    @Test
    void aRevocationOnAnotherNodeReachesThisNodeWithinASecond_RFC7009Section2() {
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
        int rounds = 20;
        int atOnce = 0;
        for (int round = 0; round < rounds; round++) {
            String token = cachedOnA(client);
            assertThat(b.revoke(client, token).getStatusCode()).isEqualTo(200);
            if (!a.introspect(client, token).isActive()) {
                atOnce++;
            }
            await().atMost(Duration.ofSeconds(1)).until(() -> !a.introspect(client, token).isActive());
        }
        System.out.printf("node A's first introspection after node B's revocation answered inactive in %d of %d"
                + " rounds%n", atOnce, rounds);
    }

    @Test
    void aClientRetiredOnAnotherNodeNoLongerIntrospectsNorGetsTokensNorHasLiveTokensHere() {
        ClientInformation retiring = a.register(admin, "read");
        ClientAuthentication client = LedgerClient.basic(retiring);
        ClientAuthentication watcher = LedgerClient.basic(a.register(admin, "read"));
        String token = a.accessToken(client, "read");
        a.introspect(watcher, token);
        a.introspect(client, token);

        assertThat(b.retire(LedgerNodes.adminToken(b), retiring)).isEqualTo(204);

        await().atMost(Duration.ofSeconds(1)).until(() -> !a.introspect(watcher, token).isActive());
        assertThat(a.form("/oauth2/introspect", "token=" + token, "Authorization",
                LedgerClient.basicHeader(retiring)).statusCode()).isEqualTo(401);
        assertThat(a.tokenResponse(client, "read").indicatesSuccess()).isFalse();
    }

    /** The token endpoint, the pushed-request and device endpoints authenticate their client from the cache too. */
    @Test
    void theTokenEndpointAuthenticatesAClientFromTheCache() {
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));

        await().atMost(Duration.ofSeconds(5)).until(() -> keptBy(nodeA, client));
    }

    /**
     * OWASP ASVS V2.10 (a secret is replaced, not added to): the old secret stops at once on the node that rotated it,
     * and on another node as soon as it hears of it, though both kept the registration it matched.
     */
    @Test
    void aRotatedSecretIsRefusedAtOnceHereAndWithinASecondOnAnotherNode() {
        ClientInformation registered = a.register(admin, "read");
        ClientAuthentication old = LedgerClient.basic(registered);
        await().atMost(Duration.ofSeconds(5)).until(() -> keptBy(nodeA, old) && keptBy(nodeB, old));

        var rotation = a.manage(admin, "POST", "/oauth2/register/" + registered.getID().getValue() + "/secret", null);

        assertThat(rotation.statusCode()).isEqualTo(200);
        assertThat(a.tokenResponse(old, "read").indicatesSuccess()).isFalse();
        await().atMost(Duration.ofSeconds(1)).until(() -> !b.tokenResponse(old, "read").indicatesSuccess());
        ClientAuthentication rotated = LedgerClient.basic(LedgerClient.clientInformation(rotation));
        assertThat(a.accessToken(rotated, "read")).isNotBlank();
        assertThat(b.accessToken(rotated, "read")).isNotBlank();
    }

    /** A registration read while its secret was rotated may hold the old secret: it must not be kept. */
    @Test
    void aRegistrationReadOverlappingASecretRotationIsNotKept() {
        ClientInformation registered = a.register(admin, "read");
        String clientId = registered.getID().getValue();
        IntrospectionCache cache = nodeA.getBean(IntrospectionCache.class);
        ClientLookup clients = nodeA.getBean(ClientLookup.class);

        var asItWas = cache.client(clientId, id -> {
            var before = clients.find(id);
            assertThat(a.manage(admin, "POST", "/oauth2/register/" + id + "/secret", null).statusCode())
                    .isEqualTo(200);
            return before;
        });

        assertThat(cache.client(clientId, clients::find).orElseThrow().secretHash())
                .isNotEqualTo(asItWas.orElseThrow().secretHash());
        assertThat(a.tokenResponse(LedgerClient.basic(registered), "read").indicatesSuccess()).isFalse();
    }

    /** Retention, a rebuild's copy or an operator may delete rows; nodes cannot tell which they kept, so forget all. */
    @Test
    void aTokenRowDeletedInTheDatabaseIsForgottenByEveryNode() {
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
        String token = cachedOnA(client);

        jdbc.update("DELETE FROM tokens WHERE access_token = ?", Secrets.sha256(token));

        await().atMost(Duration.ofSeconds(1)).until(() -> !a.introspect(client, token).isActive());
    }

    /** A read that began before a change may return the row as it was: it must not be kept. */
    @Test
    void aReadOverlappingARevocationIsNotKept() {
        ClientInformation registered = a.register(admin, "read");
        ClientAuthentication client = LedgerClient.basic(registered);
        String callerId = registered.getID().getValue();
        String token = a.accessToken(client, "read");
        IntrospectionCache cache = nodeA.getBean(IntrospectionCache.class);
        TokenLookup lookup = nodeA.getBean(TokenLookup.class);
        String hash = Secrets.sha256(token);

        var asItWas = cache.read(callerId, hash, (caller, h) -> {
            TokenLookup.CallerAndToken before = lookup.withCaller(caller, h);
            assertThat(a.revoke(client, token).getStatusCode()).isEqualTo(200);
            return before;
        });

        assertThat(asItWas.token().orElseThrow().revokedAt()).isNull();
        assertThat(cache.read(callerId, hash).token().orElseThrow().revokedAt()).isNotNull();
        assertThat(a.introspect(client, token).isActive()).isFalse();
    }

    @Test
    void whenItsListenerIsCutOffTheCacheStopsServingAndComesBackEmpty() {
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
        String token = cachedOnA(client);

        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'token-ledger lookup changes'");

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> serving(nodeA) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> serving(nodeA) == 1 && serving(nodeB) == 1);
        double hits = tokenHits(nodeA);
        assertThat(a.introspect(client, token).isActive()).isTrue();
        assertThat(tokenHits(nodeA)).as("emptied when it stopped serving").isEqualTo(hits);
        a.introspect(client, token);
        b.revoke(client, token);
        await().atMost(Duration.ofSeconds(1)).until(() -> !a.introspect(client, token).isActive());
    }

    @Test
    void aNodeWithTheDefaultSettingsReadsTheDatabaseEveryTime() {
        ConfigurableApplicationContext nodeC = LedgerNodes.start(db, "all-3");
        try {
            LedgerClient c = LedgerNodes.client(nodeC);
            ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
            assertThat(serving(nodeC)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = 'token-ledger lookup changes'", Integer.class))
                    .as("only nodes A and B listen").isEqualTo(2);
            for (int round = 0; round < 10; round++) {
                String token = a.accessToken(client, "read");
                assertThat(c.introspect(client, token).isActive()).isTrue();
                b.revoke(client, token);
                assertThat(c.introspect(client, token).isActive()).as("round %d", round).isFalse();
            }
            assertThat(tokenHits(nodeC)).isZero();
            c.accessToken(client, "read");
            c.accessToken(client, "read");
            assertThat(callerHits(nodeC)).isZero();
        } finally {
            nodeC.close();
        }
    }

    /** Turned off while nodes still need them, the writers' announcements would leave those nodes' caches stale. */
    @Test
    void announcementsTurnedOffWhileNodesRunTheCacheAreTurnedOnAgain() {
        jdbc.update("UPDATE lookup_notifications SET enabled = false");

        await().atMost(Duration.ofSeconds(10)).until(() -> announcementsOn() && serving(nodeA) == 1
                && serving(nodeB) == 1);
        ClientAuthentication client = LedgerClient.basic(a.register(admin, "read"));
        String token = cachedOnA(client);
        b.revoke(client, token);
        await().atMost(Duration.ofSeconds(1)).until(() -> !a.introspect(client, token).isActive());
    }

    @Test
    void aNegativeSizeIsRefusedAtStartWithTheSettingsName() {
        TokenLookup lookup = nodeA.getBean(TokenLookup.class);

        assertThatThrownBy(() -> new IntrospectionCache(lookup, -1, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ledger.introspection-cache-size must be 0 (off) or more, was -1");
    }

    /**
     * A new token, introspected on node A until an answer came from its cache. The notices of the token's own
     * insert and of its client's registration arrive a moment later and may empty the cache once more.
     */
    private String cachedOnA(ClientAuthentication client) {
        String token = a.accessToken(client, "read");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            double hits = tokenHits(nodeA);
            assertThat(a.introspect(client, token).isActive()).isTrue();
            return tokenHits(nodeA) == hits + 1;
        });
        return token;
    }

    private boolean announcementsOn() {
        return jdbc.queryForObject("SELECT enabled FROM lookup_notifications", Boolean.class);
    }

    private void notifications(boolean on) {
        jdbc.execute("ALTER TABLE tokens " + (on ? "ENABLE" : "DISABLE") + " TRIGGER tokens_lookup_changed");
    }

    /**
     * Whether the node's token endpoint found the client's registration in its cache. The notices of the client's
     * registration arrive a moment after it and may empty the cache once more, as {@link #cachedOnA} says.
     */
    private static boolean keptBy(ConfigurableApplicationContext node, ClientAuthentication client) {
        double hits = callerHits(node);
        assertThat(LedgerNodes.client(node).accessToken(client, "read")).isNotBlank();
        return callerHits(node) == hits + 1;
    }

    private static double tokenHits(ConfigurableApplicationContext node) {
        return hits(node, "introspection.tokens");
    }

    private static double callerHits(ConfigurableApplicationContext node) {
        return hits(node, "introspection.callers");
    }

    private static double hits(ConfigurableApplicationContext node, String cache) {
        return node.getBean(MeterRegistry.class).get("cache.gets").tag("cache", cache)
                   .tag("result", "hit").functionCounter().count();
    }

    private static double serving(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).get("ledger.introspection.cache.serving").gauge().value();
    }
}
