package io.tokenledger.query.user;

import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UserLookupTest {

    private static final List<String> STORED = List.of("victim", "Kelvin", "ada.L+1@x", "ISTANBUL");

    private static JdbcTemplate jdbc;
    private static UserLookup users;

    @BeforeAll
    static void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.create().dataSource());
        users = new UserLookup(jdbc);
        for (String name : STORED) {
            jdbc.update("""
                    INSERT INTO users (user_id, username, email, password_hash, created_at)
                    VALUES (?, ?, ?, 'bcrypt', now())""", "u-" + name, name, name + "@example.com");
        }
    }

    @Test
    void aTypedNameFindsTheAccountItFoldsTo() {
        assertThat(account("VICTIM")).hasValue("u-victim");
        assertThat(account("\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D")).as("full width, NFKC").hasValue("u-victim");
        assertThat(account("\u212Aelvin")).as("the Kelvin sign, NFKC").hasValue("u-Kelvin");
        assertThat(account("istanbul")).hasValue("u-ISTANBUL");
    }

    /** PostgreSQL's lower() under a libc locale can turn İ into i; the Java fold does not, and only Java's counts. */
    @Test
    void aNameThatFoldsOutsideAsciiFindsNoAccount() {
        assertThat(account("v\u0130ct\u0130m")).isEmpty();
        assertThat(account("\u0130STANBUL")).isEmpty();
        assertThat(account("v\u0131ct\u0131m")).as("dotless i").isEmpty();
        assertThat(account("")).isEmpty();
        assertThat(account(null)).isEmpty();
    }

    /** SQL lowers stored names as Java folds them: one key per account, on both sides. */
    @Test
    void javaAndSqlFoldEveryStoredNameAlike() {
        for (String name : STORED) {
            String sql = jdbc.queryForObject("SELECT lower(username COLLATE \"C\") FROM users WHERE user_id = ?",
                    String.class, "u-" + name);
            assertThat(Usernames.lookupKey(name)).hasValue(sql);
        }
    }

    private static Optional<String> account(String typed) {
        return users.byUsername(typed).map(UserAccount::userId);
    }
}
