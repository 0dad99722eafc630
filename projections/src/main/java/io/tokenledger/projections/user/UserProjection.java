package io.tokenledger.projections.user;

import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.user.UserDisabled;
import io.tokenledger.events.user.UserErased;
import io.tokenledger.events.user.UserPasswordReset;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import io.tokenledger.events.user.UserRolesChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static io.tokenledger.projections.Sql.array;
import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code users} in step with the ledger, in the command's transaction: the table's unique indexes on
 * username and email are what refuses a duplicate account, together with its event. An erased person keeps their
 * row without their plaintext: username and email {@code erased:<user id>}, no name, password hash or roles. A
 * rebuild after the erasure reads their personal data as erased and makes the same row.
 */
@Component
@ProcessingGroup(UserProjection.NAME)
public class UserProjection {

    public static final String NAME = "users";

    private final JdbcTemplate jdbc;

    public UserProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(UserRegistered e) {
        jdbc.update("""
                INSERT INTO users (user_id, username, email, password_hash, provider, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'local', ?, ?)
                ON CONFLICT (user_id) DO NOTHING""",
                e.userId(), unlessErased(e.username(), erased(e.userId())),
                unlessErased(e.email(), erased(e.userId())), e.passwordHash(), timestamp(e.registeredAt()),
                timestamp(e.registeredAt()));
    }

    @EventHandler
    public void on(UserDisabled e) {
        jdbc.update("UPDATE users SET disabled_at = ?, updated_at = ? WHERE user_id = ?",
                timestamp(e.disabledAt()), timestamp(e.disabledAt()), e.userId());
    }

    @EventHandler
    public void on(UserProfileUpdated e) {
        jdbc.update("UPDATE users SET name = ?, email_verified = ?, updated_at = ? WHERE user_id = ?",
                unlessErased(e.name(), null), e.emailVerified(), timestamp(e.updatedAt()), e.userId());
    }

    @EventHandler
    public void on(UserErased e) {
        jdbc.update("""
                UPDATE users SET username = ?, email = ?, name = NULL, password_hash = NULL, email_verified = FALSE,
                                 roles = '{}', disabled_at = COALESCE(disabled_at, ?), erased_at = ?, updated_at = ?
                WHERE user_id = ?""", erased(e.userId()), erased(e.userId()), timestamp(e.erasedAt()),
                timestamp(e.erasedAt()), timestamp(e.erasedAt()), e.userId());
    }

    @EventHandler
    public void on(UserPasswordReset e) {
        jdbc.update("UPDATE users SET password_hash = ?, updated_at = ? WHERE user_id = ?", e.passwordHash(),
                timestamp(e.resetAt()), e.userId());
    }

    @EventHandler
    public void on(UserRolesChanged e) {
        jdbc.update("UPDATE users SET roles = ?, updated_at = ? WHERE user_id = ?",
                array(e.roles().stream().map(Enum::name).toList()), timestamp(e.changedAt()), e.userId());
    }

    /** A personal value as the row keeps it: {@code instead} once it reads as erased. */
    private static String unlessErased(String value, String instead) {
        return PersonalFields.ERASED.equals(value) ? instead : value;
    }

    /** Unique, as username and email must be, and no one's name. */
    private static String erased(String userId) {
        return "erased:" + userId;
    }
}
