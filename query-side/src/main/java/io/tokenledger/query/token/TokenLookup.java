package io.tokenledger.query.token;

import io.tokenledger.query.OfClient;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.scopes;

/**
 * Finds tokens by the hash of their value. {@code tokens} commits in the same transaction as the token's
 * events, so what this returns from the primary is never behind what an endpoint has acknowledged; one made
 * {@link #replicaFirst} may be, by the replica's replay lag.
 */
@Component
public class TokenLookup {

    private static final String SELECT = """
            SELECT t.token_id, t.client_id, t.user_id, t.token_type, t.grant_type, t.scope, t.audience, t.created_at,
                   t.expires_at, t.revoked_at, t.grant_id, t.refresh_token_expires_at, t.refresh_token_rotated_at,
                   t.dpop_jkt, c.retired_at AS client_retired_at
            FROM tokens t JOIN clients c ON c.client_id = t.client_id
            """;
    /**
     * The caller's registration and the token it asks about, in one round trip: introspection and revocation need
     * both, and a second query would double what the database spends on each request. The token is read whether or
     * not the caller then authenticates; nothing of it is used otherwise.
     */
    private static final String WITH_CALLER = """
            SELECT caller.*, t.token_id AS t_token_id, t.client_id AS t_client_id, t.user_id AS t_user_id,
                   t.token_type AS t_token_type, t.grant_type AS t_grant_type, t.scope AS t_scope,
                   t.audience AS t_audience,
                   t.created_at AS t_created_at, t.expires_at AS t_expires_at, t.revoked_at AS t_revoked_at,
                   t.grant_id AS t_grant_id, t.refresh_token_expires_at AS t_refresh_token_expires_at,
                   t.refresh_token_rotated_at AS t_refresh_token_rotated_at,
                   t.client_retired_at AS t_client_retired_at, t.dpop_jkt AS t_dpop_jkt,
                   t.refresh_token = ? AS t_presented_as_refresh
            FROM clients caller
            LEFT JOIN LATERAL (
                SELECT tk.*, c.retired_at AS client_retired_at
                FROM tokens tk JOIN clients c ON c.client_id = tk.client_id
                WHERE tk.access_token = ? OR tk.refresh_token = ?
                LIMIT 1) t ON true
            WHERE caller.client_id = ?""";

    private final JdbcTemplate jdbc;
    /** Where a row this database does not have is looked up again: the primary, when this reads a replica. */
    private final TokenLookup primary;

    @Autowired
    public TokenLookup(JdbcTemplate jdbc) {
        this(jdbc, null);
    }

    private TokenLookup(JdbcTemplate jdbc, TokenLookup primary) {
        this.jdbc = jdbc;
        this.primary = primary;
    }

    /**
     * Reads a streaming replica, and the primary for a row the replica has not replayed yet: a token just issued, a
     * client just registered. So only a change to a row the replica has (a revocation, a client's retirement or new
     * secret) can be seen late, by up to the replica's replay lag; a token is never inactive because it is new.
     */
    public static TokenLookup replicaFirst(JdbcTemplate replica, TokenLookup primary) {
        return new TokenLookup(replica, primary);
    }

    /** Whether this reads a replica first ({@link #replicaFirst}). */
    public boolean readsReplica() {
        return primary != null;
    }

    public Optional<TokenState> byAccessTokenHash(String hash) {
        return orOnPrimary(jdbc.query(SELECT + "WHERE t.access_token = ?", TokenLookup::map, hash).stream().findFirst(),
                p -> p.byAccessTokenHash(hash));
    }

    /** The token whose access or refresh token hashes to {@code hash}, in one query. */
    public Optional<TokenState> byEitherHash(String hash) {
        return orOnPrimary(jdbc.query(SELECT + "WHERE t.access_token = ? OR t.refresh_token = ?", TokenLookup::map,
                hash, hash).stream().findFirst(), p -> p.byEitherHash(hash));
    }

    public Optional<TokenState> byTokenId(UUID tokenId) {
        return orOnPrimary(jdbc.query(SELECT + "WHERE t.token_id = ?", TokenLookup::map, tokenId).stream().findFirst(),
                p -> p.byTokenId(tokenId));
    }

    /**
     * The grants a user gave that still have a live token, by the tokens rows retention kept: to one client, or to
     * any when {@code clientId} is null.
     */
    public List<String> liveGrantsOfUser(String userId, String clientId) {
        return jdbc.queryForList("""
                SELECT DISTINCT grant_id::text FROM tokens
                WHERE user_id = ? AND grant_id IS NOT NULL AND revoked_at IS NULL""" + OfClient.clause(clientId),
                String.class, OfClient.arguments(userId, clientId));
    }

    /** The live tokens issued for the user outside a grant (by token exchange): of one client, or of any when null. */
    public List<String> liveTokensOfUserOutsideGrants(String userId, String clientId) {
        return jdbc.queryForList("""
                SELECT token_id::text FROM tokens
                WHERE user_id = ? AND grant_id IS NULL AND revoked_at IS NULL AND expires_at > NOW()"""
                + OfClient.clause(clientId), String.class, OfClient.arguments(userId, clientId));
    }

    public Optional<TokenState> byRefreshTokenHash(String hash) {
        return orOnPrimary(jdbc.query(SELECT + "WHERE t.refresh_token = ?", TokenLookup::map, hash).stream().findFirst(),
                p -> p.byRefreshTokenHash(hash));
    }

    private Optional<TokenState> orOnPrimary(Optional<TokenState> found,
                                             Function<TokenLookup, Optional<TokenState>> onPrimary) {
        return found.isPresent() || primary == null ? found : onPrimary.apply(primary);
    }

    /**
     * The registration of {@code callerId}, if any, and the token whose access or refresh token hashes to
     * {@code hash}, if any (a null hash finds none).
     */
    public CallerAndToken withCaller(String callerId, String hash) {
        CallerAndToken found = read(callerId, hash);
        boolean missing = found.caller().isEmpty() || (hash != null && found.token().isEmpty());
        return missing && primary != null ? primary.withCaller(callerId, hash) : found;
    }

    private CallerAndToken read(String callerId, String hash) {
        return jdbc.query(WITH_CALLER, rs -> {
            if (!rs.next()) {
                return new CallerAndToken(Optional.empty(), Optional.empty(), false);
            }
            boolean token = rs.getString("t_token_id") != null;
            return new CallerAndToken(Optional.of(ClientLookup.map(rs, 0)),
                    token ? Optional.of(map(rs, "t_")) : Optional.empty(), rs.getBoolean("t_presented_as_refresh"));
        }, hash, hash, hash, callerId);
    }

    /**
     * @param refresh whether the value presented was the token's refresh token
     */
    public record CallerAndToken(Optional<ClientRegistration> caller, Optional<TokenState> token, boolean refresh) {
    }

    private static TokenState map(ResultSet rs, int row) throws SQLException {
        return map(rs, "");
    }

    private static TokenState map(ResultSet rs, String prefix) throws SQLException {
        return new TokenState(rs.getString(prefix + "token_id"), rs.getString(prefix + "client_id"),
                rs.getString(prefix + "user_id"), rs.getString(prefix + "token_type"),
                rs.getString(prefix + "grant_type"), scopes(rs.getString(prefix + "scope")),
                scopes(rs.getString(prefix + "audience")),
                instant(rs, prefix + "created_at"), instant(rs, prefix + "expires_at"),
                instant(rs, prefix + "revoked_at"), rs.getString(prefix + "grant_id"),
                instant(rs, prefix + "refresh_token_expires_at"), instant(rs, prefix + "refresh_token_rotated_at"),
                instant(rs, prefix + "client_retired_at"), rs.getString(prefix + "dpop_jkt"));
    }
}
