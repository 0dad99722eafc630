package io.tokenledger.query.token;

import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenLookupTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static JdbcTemplate jdbc;
    private static TokenLookup tokens;

    @BeforeAll
    static void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        tokens = new TokenLookup(jdbc);
        jdbc.update("""
                INSERT INTO clients (client_id, client_secret, client_name, redirect_uris, grant_types, scope,
                                     token_endpoint_auth_method)
                VALUES ('c-1', 'sha256:x', 'Billing', '{}', '{client_credentials}', 'ledger:admin read',
                        'client_secret_basic')""");
        jdbc.update("""
                INSERT INTO tokens (token_id, client_id, token_type, access_token, refresh_token, scope, expires_at,
                                    created_at, grant_type)
                VALUES ('6f9619ff-8b86-d011-b42d-00c04fc964ff', 'c-1', 'Bearer', 'sha256:a', 'sha256:r', 'read write',
                        '2026-11-25T11:00:00Z', '2026-11-25T10:00:00Z', 'client_credentials')""");
    }

    @Test
    void findsATokenByTheHashOfEitherValue() {
        TokenState byAccess = tokens.byAccessTokenHash("sha256:a").orElseThrow();
        assertThat(byAccess.tokenId()).isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assertThat(byAccess.scopes()).isEqualTo(List.of("read", "write"));
        assertThat(byAccess.expiresAt()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(tokens.byRefreshTokenHash("sha256:r")).contains(byAccess);
        assertThat(tokens.byAccessTokenHash("sha256:r")).isEmpty();
        assertThat(tokens.byEitherHash("sha256:a")).contains(byAccess);
        assertThat(tokens.byEitherHash("sha256:r")).contains(byAccess);
        assertThat(tokens.byEitherHash("sha256:unknown")).isEmpty();
    }

    /** One round trip answers both what client authentication and what introspection or revocation need. */
    @Test
    void readsTheCallerAndThePresentedTokenTogether() {
        TokenLookup.CallerAndToken access = tokens.withCaller("c-1", "sha256:a");
        assertThat(access.caller()).contains(new ClientLookup(jdbc).find("c-1").orElseThrow());
        assertThat(access.token()).isEqualTo(tokens.byAccessTokenHash("sha256:a"));
        assertThat(access.refresh()).isFalse();

        TokenLookup.CallerAndToken refresh = tokens.withCaller("c-1", "sha256:r");
        assertThat(refresh.token()).isEqualTo(access.token());
        assertThat(refresh.refresh()).isTrue();

        assertThat(tokens.withCaller("c-1", "sha256:unknown").token()).isEmpty();
        assertThat(tokens.withCaller("c-1", null).token()).isEmpty();
        TokenLookup.CallerAndToken stranger = tokens.withCaller("nobody", "sha256:a");
        assertThat(stranger.caller()).isEmpty();
        assertThat(stranger.token()).as("nothing is told to a caller that does not exist").isEmpty();
    }

    /**
     * A replica that has not replayed a row yet (here: a database without it) is no reason to call a new token
     * unknown: what it lacks is read on the primary; what it has, it answers, however old.
     */
    @Test
    void onAReplicaARowItLacksIsReadOnThePrimary() {
        JdbcTemplate replica = new JdbcTemplate(TestDatabase.create().dataSource());
        TokenLookup replicaFirst = TokenLookup.replicaFirst(replica, tokens);
        assertThat(replicaFirst.readsReplica()).isTrue();
        assertThat(tokens.readsReplica()).isFalse();
        assertThat(replicaFirst.withCaller("c-1", "sha256:a")).isEqualTo(tokens.withCaller("c-1", "sha256:a"));
        assertThat(replicaFirst.byEitherHash("sha256:r")).isEqualTo(tokens.byEitherHash("sha256:r"));
        assertThat(replicaFirst.withCaller("c-1", "sha256:unknown").caller()).isPresent();

        replica.update("""
                INSERT INTO clients (client_id, client_secret, client_name, redirect_uris, grant_types, scope,
                                     token_endpoint_auth_method, retired_at)
                VALUES ('c-1', 'sha256:x', 'Billing', '{}', '{client_credentials}', 'read', 'client_secret_basic',
                        '2026-11-25T10:30:00Z')""");
        replica.update("""
                INSERT INTO tokens (token_id, client_id, token_type, access_token, refresh_token, scope, expires_at,
                                    created_at, grant_type, revoked_at)
                VALUES ('6f9619ff-8b86-d011-b42d-00c04fc964ff', 'c-1', 'Bearer', 'sha256:a', 'sha256:r', 'read',
                        '2026-11-25T11:00:00Z', '2026-11-25T10:00:00Z', 'client_credentials', '2026-11-25T10:30:00Z')""");
        TokenLookup.CallerAndToken onReplica = replicaFirst.withCaller("c-1", "sha256:a");
        assertThat(onReplica.token().orElseThrow().revokedAt()).as("the replica's row, not the primary's")
                                                              .isEqualTo(Instant.parse("2026-11-25T10:30:00Z"));
        assertThat(onReplica.caller().orElseThrow().retiredAt()).isNotNull();
    }

    @Test
    void aTokenIsActiveOnlyWhileUnexpiredUnrevokedAndItsClientRegistered() {
        TokenState token = tokens.byAccessTokenHash("sha256:a").orElseThrow();
        assertThat(token.activeAt(NOW)).isTrue();
        assertThat(token.activeAt(token.expiresAt())).isFalse();
        assertThat(state(NOW, null, null, null).activeAt(NOW)).as("revoked").isFalse();
        assertThat(state(null, null, null, NOW).activeAt(NOW)).as("client retired").isFalse();
    }

    @Test
    void aRefreshTokenIsActiveUntilRotatedOrPastTheGrantsLifetime() {
        Instant end = NOW.plusSeconds(7200);
        assertThat(state(null, end, null, null).refreshActiveAt(NOW)).isTrue();
        assertThat(state(null, end, NOW, null).refreshActiveAt(NOW)).as("rotated").isFalse();
        assertThat(state(null, end, null, null).refreshActiveAt(end)).as("expired").isFalse();
        assertThat(state(null, null, null, null).refreshActiveAt(NOW)).as("none issued").isFalse();
        assertThat(state(NOW, end, null, null).refreshActiveAt(NOW)).as("revoked").isFalse();
    }

    private static TokenState state(Instant revokedAt, Instant refreshExpiresAt, Instant rotatedAt, Instant retiredAt) {
        return new TokenState("t", "c-1", null, "Bearer", "authorization_code", List.of("read"), List.of(), NOW,
                NOW.plusSeconds(3600), revokedAt, "g", refreshExpiresAt, rotatedAt, retiredAt, null);
    }

    /**
     * The analysts' {@code active_tokens} view (V6) is the SQL twin of {@link TokenStatus}: for a token in every state,
     * the view lists it exactly when introspection would call it active.
     */
    @Test
    void theActiveTokensViewListsExactlyTheTokensJavaCallsActive() {
        jdbc.update("""
                INSERT INTO clients (client_id, client_secret, client_name, redirect_uris, grant_types, scope,
                                     token_endpoint_auth_method, retired_at)
                VALUES ('c-retired', 'sha256:y', 'Gone', '{}', '{client_credentials}', 'read', 'client_secret_basic',
                        now())""");
        String insert = """
                INSERT INTO tokens (token_id, client_id, token_type, access_token, scope, expires_at, created_at,
                                    grant_type, revoked_at)
                VALUES (gen_random_uuid(), ?, 'Bearer', ?, 'read', now() + ?::interval, now() - interval '1 hour',
                        'client_credentials', CASE WHEN ? THEN now() END)""";
        jdbc.update(insert, "c-1", "sha256:live", "1 hour", false);
        jdbc.update(insert, "c-1", "sha256:expired", "-1 second", false);
        jdbc.update(insert, "c-1", "sha256:revoked", "1 hour", true);
        jdbc.update(insert, "c-retired", "sha256:orphan", "1 hour", false);

        Instant now = Instant.now();
        for (String hash : List.of("sha256:live", "sha256:expired", "sha256:revoked", "sha256:orphan")) {
            TokenState token = tokens.byAccessTokenHash(hash).orElseThrow();
            boolean listed = jdbc.queryForObject("SELECT count(*) FROM active_tokens WHERE token_id = ?::uuid",
                    Long.class, token.tokenId()) == 1;
            assertThat(listed).as(hash).isEqualTo(token.activeAt(now));
        }
        assertThat(jdbc.queryForList("SELECT token_id::text FROM active_tokens WHERE client_id <> 'c-1' "
                + "OR token_id <> '6f9619ff-8b86-d011-b42d-00c04fc964ff'", String.class))
                .as("only the live one besides the fixture's").hasSize(1);
    }

    @Test
    void knowsWhetherAnAdministratorClientExists() {
        assertThat(new ClientLookup(jdbc).anyAdministrator()).isTrue();
        assertThat(new ClientLookup(jdbc).find("c-1").orElseThrow().allowsGrant("client_credentials")).isTrue();
    }
}
