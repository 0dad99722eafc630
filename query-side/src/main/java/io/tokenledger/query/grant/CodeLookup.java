package io.tokenledger.query.grant;

import io.tokenledger.query.OfClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static io.tokenledger.query.Rows.scopes;

/** Finds the grant an authorization code belongs to, by the code's hash. */
@Component
public class CodeLookup {

    private final JdbcTemplate jdbc;

    public CodeLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The code's grant, its scopes, and whether the user who granted it was disabled since. */
    public Optional<CodeGrant> byCodeHash(String codeHash) {
        return jdbc.query("""
                SELECT a.grant_id::text, a.scope, u.disabled_at IS NOT NULL AS user_disabled, a.user_id
                FROM authorization_codes a LEFT JOIN users u ON u.user_id = a.user_id WHERE a.code = ?""",
                (rs, row) -> new CodeGrant(rs.getString(1), scopes(rs.getString(2)), rs.getBoolean(3),
                        rs.getString(4)), codeHash)
                   .stream().findFirst();
    }


    /** The grants of the user's codes that can still be redeemed: to one client, or to any when it is null. */
    public List<String> pendingGrantsOfUser(String userId, String clientId) {
        return jdbc.queryForList("""
                SELECT grant_id::text FROM authorization_codes
                WHERE user_id = ? AND used_at IS NULL AND expires_at > NOW()""" + OfClient.clause(clientId),
                String.class, OfClient.arguments(userId, clientId));
    }

    /**
     * @param scopes       what the user granted
     * @param userDisabled whether the account that granted it is disabled: the code is then worth nothing
     */
    public record CodeGrant(String grantId, List<String> scopes, boolean userDisabled, String userId) {
    }
}
