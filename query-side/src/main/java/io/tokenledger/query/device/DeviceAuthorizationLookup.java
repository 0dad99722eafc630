package io.tokenledger.query.device;

import io.tokenledger.query.OfClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.scopes;

/**
 * Finds a device's request (RFC 8628) by the hash of its device code, as a poll presents it, or of its user code, as
 * the verification page does. Reads the primary: {@code device_authorizations} commits with the events, so a decision
 * is seen by the device's very next poll on any node.
 */
@Component
public class DeviceAuthorizationLookup {

    private static final String SELECT = """
            SELECT d.grant_id::text AS grant_id, d.client_id, c.client_name, d.scope, d.status, d.expires_at,
                   d.user_id, u.disabled_at IS NOT NULL AS user_disabled
            FROM device_authorizations d JOIN clients c ON c.client_id = d.client_id
            LEFT JOIN users u ON u.user_id = d.user_id
            """;

    private final JdbcTemplate jdbc;

    public DeviceAuthorizationLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DeviceAuthorization> byDeviceCodeHash(String hash) {
        return jdbc.query(SELECT + "WHERE d.device_code_hash = ?", DeviceAuthorizationLookup::map, hash).stream()
                   .findFirst();
    }

    /** The pending request this user code names, if any: a decided or expired one is no longer found by it. */
    public Optional<DeviceAuthorization> pendingByUserCodeHash(String hash) {
        return jdbc.query(SELECT + "WHERE d.user_code_hash = ? AND d.status = 'pending'", DeviceAuthorizationLookup::map,
                hash).stream().findFirst();
    }

    /** The grants of the user's approved device requests not yet redeemed: to one client, or to any when null. */
    public List<String> approvedGrantsOfUser(String userId, String clientId) {
        return jdbc.queryForList("""
                SELECT grant_id::text FROM device_authorizations WHERE user_id = ? AND status = 'approved'"""
                + OfClient.clause(clientId), String.class, OfClient.arguments(userId, clientId));
    }

    private static DeviceAuthorization map(ResultSet rs, int row) throws SQLException {
        return new DeviceAuthorization(rs.getString("grant_id"), rs.getString("client_id"), rs.getString("client_name"),
                scopes(rs.getString("scope")), DeviceAuthorization.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                instant(rs, "expires_at"), rs.getString("user_id"), rs.getBoolean("user_disabled"));
    }
}
