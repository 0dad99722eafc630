package io.tokenledger.app.cli;

import io.tokenledger.app.privacy.PastEventsEncryption;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.atomic.AtomicLong;

@Command(name = "encrypt-personal-data", description = {"Encrypt the personal data of events written before the "
        + "ledger encrypted it (usernames, emails, names, notes, request addresses and user agents): each such row is "
        + "rewritten in place and sealed again, and each batch appends a PersonalDataEncrypted statement signed with "
        + "the anchor key, naming every row rewritten with its seal and content hash before and after. verify stays "
        + "OK, online and on an export, with the seal keys or with the anchor key's public half alone.",
        "Needs the seal keys and the anchor signing key, as the server does. Rows already encrypted are left alone, "
        + "so it may run again; how far it has read goes to standard error every few seconds."})
final class EncryptPersonalDataCommand extends ServerContextCommand {

    @Mixin
    OperatorName operator;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        PastEventsEncryption encryption = context.getBean(PastEventsEncryption.class);
        long started = System.nanoTime();
        AtomicLong reached = new AtomicLong();
        PastEventsEncryption.Encrypted result;
        try (ProgressLines lines = new ProgressLines(() -> err().printf(
                "encrypt-personal-data: read up to position %,d%n", reached.get()))) {
            result = encryption.encrypt(operator.actor(), reached::set);
        }
        err().printf("encrypt-personal-data: %,d events read, %,d rewritten under %,d statements in %.1f s%n",
                result.eventsRead(), result.eventsRewritten(), result.statements(),
                (System.nanoTime() - started) / 1e9);
        print(context, result);
        return ExitCodes.OK;
    }
}
