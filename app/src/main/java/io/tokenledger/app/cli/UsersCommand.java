package io.tokenledger.app.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.user.UserDisabler;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Instant;

@Command(name = "users", description = "The user accounts that sign in at the authorization endpoint, from the "
        + "users table (never a password's hash).",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.DisableUser.class})
final class UsersCommand extends CommandGroup {

    @Command(name = "list", description = "Every account, oldest first, as a JSON array.")
    static final class ListUsers extends DatabaseCommand {

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            print(context, new UserLookup(context.getBean(JdbcTemplate.class)).all().stream().map(User::of).toList());
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", description = {"Disable an account, as POST /admin/users/{id}/disable does: it "
            + "signs in no more, its codes and refresh tokens are refused, and every grant it gave ends "
            + "(USER_DISABLED).", "Running it again records nothing for the account and ends any grant still live."})
    static final class DisableUser extends ServerContextCommand {

        @Parameters(paramLabel = "<user>", description = "The user_id, or the username.")
        String user;

        @Mixin
        OperatorName operator;

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            UserLookup users = context.getBean(UserLookup.class);
            UserAccount account = users.byUserId(user).or(() -> users.byUsername(user))
                                       .orElseThrow(() -> new NotFound("no user " + user));
            print(context, context.getBean(UserDisabler.class).disable(account, operator.actor()));
            return ExitCodes.OK;
        }
    }

    /** An account as an operator sees it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record User(String userId, String username, String email, Instant createdAt, Instant disabledAt) {

        static User of(UserAccount account) {
            return new User(account.userId(), account.username(), account.email(), account.createdAt(),
                    account.disabledAt());
        }
    }
}
