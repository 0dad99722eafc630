package io.tokenledger.app.cli;

import io.tokenledger.app.key.KeyRotation;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "keys", description = "Signing keys (their private halves in LEDGER_SIGNING_KEYS_DIR).",
        subcommands = KeysCommand.RotateKeys.class)
final class KeysCommand extends CommandGroup {

    @Command(name = "rotate", description = {"Make a new signing key (LEDGER_SIGNING_KEY_ALGORITHM) and retire the "
            + "ones that signed until now, as POST /admin/keys/rotate does; the retired ones stay in /oauth2/jwks "
            + "for LEDGER_SIGNING_KEYS_PUBLISHED_AFTER_RETIREMENT.", "Prints {\"kid\":…,\"algorithm\":…,"
            + "\"retired\":[…]}. Run it where LEDGER_SIGNING_KEYS_DIR is the command nodes' directory."})
    static final class RotateKeys extends ServerContextCommand {

        @Mixin
        OperatorName operator;

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            print(context, context.getBean(KeyRotation.class).rotate(operator.actor()));
            return ExitCodes.OK;
        }
    }
}
