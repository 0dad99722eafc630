package io.tokenledger.query.client;

import io.tokenledger.events.client.TokenExchangePolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.likePrefix;
import static io.tokenledger.query.Rows.scopes;
import static io.tokenledger.query.Rows.strings;

/** Reads client registrations from {@code clients}, which commits with the client's events. */
@Component
public class ClientLookup {

    private final JdbcTemplate jdbc;

    public ClientLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ClientRegistration> find(String clientId) {
        return jdbc.query("SELECT * FROM clients WHERE client_id = ?", ClientLookup::map, clientId)
                   .stream().findFirst();
    }

    /** Every client, retired ones too, oldest first. */
    public List<ClientRegistration> all() {
        return jdbc.query("SELECT * FROM clients ORDER BY created_at, client_id", ClientLookup::map);
    }

    /** How many of the client's tokens are active now ({@code active_tokens}, the one definition of active). */
    public long activeTokens(String clientId) {
        return jdbc.queryForObject("SELECT count(*) FROM active_tokens WHERE client_id = ?", Long.class, clientId);
    }

    /** The active client whose registration access token (RFC 7592) has this hash. */
    public Optional<ClientRegistration> byRegistrationTokenHash(String tokenHash) {
        return jdbc.query("SELECT * FROM clients WHERE registration_token_hash = ? AND retired_at IS NULL",
                ClientLookup::map, tokenHash).stream().findFirst();
    }

    /**
     * Whether any active client may act as a ledger administrator on its own ({@code client_credentials}); a client
     * that holds the scope only for its users (the console) acts for an administrator, if its user is one.
     */
    public boolean anyAdministrator() {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM clients
                               WHERE retired_at IS NULL AND ' ' || scope || ' ' LIKE '% ledger:admin %'
                                 AND 'client_credentials' = ANY (grant_types))""",
                Boolean.class));
    }

    /**
     * Up to {@code limit} clients after {@code after} (null for the first page) in client id order, retired ones
     * included; those whose id or name starts with {@code prefix} when one is given, however the name is cased.
     */
    public List<ClientRegistration> page(String prefix, String after, int limit) {
        String like = prefix == null || prefix.isBlank() ? null : likePrefix(prefix);
        return jdbc.query("""
                SELECT * FROM clients
                WHERE (?::text IS NULL OR client_id LIKE ? OR lower(client_name) LIKE lower(?))
                  AND (?::text IS NULL OR client_id > ?)
                ORDER BY client_id LIMIT ?""", ClientLookup::map, like, like, like, after, after, limit);
    }

    /** Every scope an active client holds, sorted. */
    public List<String> scopesInUse() {
        return jdbc.queryForList("""
                SELECT DISTINCT s FROM clients CROSS JOIN unnest(string_to_array(scope, ' ')) AS s
                WHERE retired_at IS NULL AND s <> '' ORDER BY 1""", String.class);
    }

    /** The redirect URIs of the active public clients: browser applications, whose origins CORS lets in. */
    public List<String> publicClientRedirectUris() {
        return jdbc.queryForList("""
                SELECT DISTINCT unnest(redirect_uris) FROM clients
                WHERE token_endpoint_auth_method = 'none' AND retired_at IS NULL""", String.class);
    }

    /** A registration from a row holding every column of {@code clients}. */
    public static ClientRegistration map(ResultSet rs, int row) throws SQLException {
        return new ClientRegistration(rs.getString("client_id"), rs.getString("client_name"),
                rs.getString("client_secret"), strings(rs, "redirect_uris"), strings(rs, "grant_types"),
                scopes(rs.getString("scope")), rs.getString("token_endpoint_auth_method"),
                strings(rs, "post_logout_redirect_uris"), rs.getBoolean("first_party"), rs.getString("access_token_format"),
                rs.getString("backchannel_logout_uri"), rs.getString("jwks_uri"), rs.getString("jwks"),
                rs.getBoolean("require_pushed_authorization_requests"), rs.getBoolean("dpop_bound_access_tokens"),
                new TokenExchangePolicy(strings(rs, "token_exchange_audiences"),
                        rs.getBoolean("token_exchange_revoked_with_subject")), instant(rs, "created_at"),
                instant(rs, "retired_at"));
    }
}
