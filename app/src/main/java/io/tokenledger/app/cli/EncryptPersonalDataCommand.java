package io.tokenledger.app.cli;

import io.tokenledger.app.privacy.PastEventsEncryption;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "encrypt-personal-data", description = {"Encrypt the personal data of events written before the "
        + "ledger encrypted it (usernames, emails, names, notes, request addresses and user agents): each such row is "
        + "rewritten in place and sealed again, and each batch appends a PersonalDataEncrypted statement signed with "
        + "the anchor key, naming every row rewritten with its seal and content hash before and after. verify stays "
        + "OK, online and on an export, with the seal keys or with the anchor key's public half alone.",
        "It verifies the whole ledger first and rewrites nothing in one that does not verify (exit 1), nor while the "
        + "key table disagrees with the ledger's erasures. Needs the seal keys and the anchor signing key, as the "
        + "server does. Rows already encrypted are left alone, so it may run again; how far it has verified, then "
        + "encrypted, goes to standard error every few seconds."})
final class EncryptPersonalDataCommand extends ServerContextCommand {

    @Mixin
    OperatorName operator;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        PastEventsEncryption encryption = context.getBean(PastEventsEncryption.class);
        long started = System.nanoTime();
        AtomicReference<String> phase = new AtomicReference<>("verified");
        AtomicLong reached = new AtomicLong();
        PastEventsEncryption.Encrypted result;
        try (ProgressLines lines = new ProgressLines(() -> err().printf(
                "encrypt-personal-data: %s up to position %,d%n", phase.get(), reached.get()))) {
            result = encryption.encrypt(operator.actor(), (what, position) -> {
                phase.set(what);
                reached.set(position);
            });
        }
        err().printf("encrypt-personal-data: %,d events read, %,d rewritten under %,d statements, %,d left alone as "
                + "unreadable, in %.1f s%n", result.eventsRead(), result.eventsRewritten(), result.statements(),
                result.eventsUnreadable(), (System.nanoTime() - started) / 1e9);
        print(context, result);
        return ExitCodes.OK;
    }
}
