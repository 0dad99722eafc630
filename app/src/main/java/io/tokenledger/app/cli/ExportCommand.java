package io.tokenledger.app.cli;

import io.tokenledger.projections.integrity.verification.LedgerExport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

@Command(name = "export", description = {"Write what an auditor needs to verify the ledger offline (events, chain, "
        + "anchors and the anchor key) into a new or empty directory; check it with verify-export.",
        "Progress on standard error, the manifest as JSON on standard output."})
final class ExportCommand extends ServerContextCommand {

    @Parameters(paramLabel = "<dir>", description = "A new or empty directory.")
    Path directory;

    @Override
    public Integer call() {
        if (Files.isRegularFile(directory) || Files.isDirectory(directory) && !empty(directory)) {
            throw new ParameterException(spec.commandLine(), directory + " is not a new or empty directory");
        }
        return super.call();
    }

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        print(context, context.getBean(LedgerExport.class).export(directory,
                (what, done) -> err().printf("exported %,d %s%n", done, what)));
        return ExitCodes.OK;
    }

    private static boolean empty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
