package io.tokenledger.app.cli;

import io.tokenledger.app.user.Erasure;
import io.tokenledger.app.user.UserDisabler;
import io.tokenledger.app.user.UserEraser;
import io.tokenledger.app.user.UserRoles;
import io.tokenledger.app.user.UserSummary;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "users", description = "The user accounts that sign in at the authorization endpoint, from the "
        + "users table (never a password's hash).",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.DisableUser.class, UsersCommand.EraseUser.class,
                UsersCommand.SetRoles.class})
final class UsersCommand extends CommandGroup {

    @Command(name = "list", description = "Every account, oldest first, as a JSON array.")
    static final class ListUsers extends DatabaseCommand {

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            print(context, new UserLookup(context.getBean(JdbcTemplate.class)).all().stream().map(UserSummary::of).toList());
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
            print(context, context.getBean(UserDisabler.class).disable(account(context, user), operator.actor()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "erase", description = {"Erase a person (GDPR Art. 17), as POST /admin/users/{id}/erase does: "
            + "UserErased is recorded and the key of their personal data destroyed at once, so their username, email, "
            + "name and request addresses read as erased everywhere, while their events, seals and chain stay and "
            + "verify stays OK. The account signs in no more; its grants and sessions end (USER_ERASED).",
            "--reason and --requested-by are kept after the erasure, so they may not name the person. Running it "
            + "again records nothing and ends anything still live."})
    static final class EraseUser extends ServerContextCommand {

        @Parameters(paramLabel = "<user>", description = "The user_id, or the username.")
        String user;

        @Option(names = "--reason", required = true, description = "Why, e.g. \"GDPR Art. 17 request\".")
        String reason;

        @Option(names = "--requested-by", required = true, description = "At whose request: a reference, a role.")
        String requestedBy;

        @Mixin
        OperatorName operator;

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            print(context, context.getBean(UserEraser.class).erase(account(context, user),
                    new Erasure(reason, requestedBy), operator.actor()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "roles", description = {"Set an account's roles, as PUT /admin/users/{id}/roles does: "
            + "auditor (its tokens open /ledger) and admin (/admin and /ledger); the console signs in by them.",
            "The roles named are all it holds afterwards; --none takes every role away."})
    static final class SetRoles extends ServerContextCommand {

        @Parameters(index = "0", paramLabel = "<user>", description = "The user_id, or the username.")
        String user;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "<role>", description = "auditor, admin")
        List<String> roles = List.of();

        @Option(names = "--none", description = "Take every role away.")
        boolean none;

        @Mixin
        OperatorName operator;

        @Override
        public Integer call() {
            if (roles.isEmpty() != none) {
                throw new ParameterException(spec.commandLine(), "Name the roles, or --none to take them all away");
            }
            return super.call();
        }

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            print(context, context.getBean(UserRoles.class).set(account(context, user), roles, operator.actor()));
            return ExitCodes.OK;
        }
    }

    private static UserAccount account(ConfigurableApplicationContext context, String user) {
        UserLookup users = context.getBean(UserLookup.class);
        return users.byUserId(user).or(() -> users.byUsername(user))
                    .orElseThrow(() -> new LedgerCommand.NotFound("no user " + user));
    }
}
