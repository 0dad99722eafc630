package io.tokenledger.query.user;

import io.tokenledger.events.user.UserRole;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.likePrefix;
import static io.tokenledger.query.Rows.strings;

/** Reads user accounts from {@code users}, which commits with the user's events. */
@Component
public class UserLookup {

    private final JdbcTemplate jdbc;

    public UserLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Usernames match however they are typed, as {@link Usernames} folds them. */
    public Optional<UserAccount> byUsername(String username) {
        return Usernames.lookupKey(username).flatMap(key -> jdbc.query(
                "SELECT * FROM users WHERE lower(username COLLATE \"C\") = ?", UserLookup::map, key)
                                                                .stream().findFirst());
    }

    public Optional<UserAccount> byUserId(String userId) {
        return jdbc.query("SELECT * FROM users WHERE user_id = ?", UserLookup::map, userId).stream().findFirst();
    }

    /** Whether the account that granted something is disabled; false for none ({@code client_credentials}). */
    public boolean disabled(String userId) {
        return userId != null && Boolean.TRUE.equals(DataAccessUtils.singleResult(jdbc.queryForList(
                "SELECT disabled_at IS NOT NULL FROM users WHERE user_id = ?", Boolean.class, userId)));
    }

    /**
     * Up to {@code limit} accounts after the one with id {@code after} (null for the first page), in id order, which
     * is the order they were created in (time-ordered ids); those whose username starts with {@code prefix} when
     * one is given, however it is cased.
     */
    public List<UserAccount> page(String prefix, String after, int limit) {
        String like = prefix == null || prefix.isBlank() ? null
                : likePrefix(prefix.toLowerCase(Locale.ROOT));
        return jdbc.query("""
                SELECT * FROM users
                WHERE (?::text IS NULL OR lower(username COLLATE "C") LIKE ?)
                  AND (?::text IS NULL OR user_id > ?)
                ORDER BY user_id LIMIT ?""", UserLookup::map, like, like, after, after, limit);
    }

    /** Every account, oldest first. */
    public List<UserAccount> all() {
        return jdbc.query("SELECT * FROM users ORDER BY created_at, user_id", UserLookup::map);
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getString("user_id"), rs.getString("username"), rs.getString("email"),
                rs.getString("password_hash"), instant(rs, "created_at"), instant(rs, "disabled_at"),
                rs.getString("name"), rs.getBoolean("email_verified"), instant(rs, "updated_at"),
                strings(rs, "roles").stream().map(UserRole::valueOf).collect(Collectors.toUnmodifiableSet()),
                instant(rs, "erased_at"));
    }
}
