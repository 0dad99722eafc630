package io.tokenledger.query.user;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;

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

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getString("user_id"), rs.getString("username"), rs.getString("email"),
                rs.getString("password_hash"), instant(rs, "created_at"));
    }
}
