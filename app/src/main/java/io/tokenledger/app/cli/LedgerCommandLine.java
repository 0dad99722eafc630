package io.tokenledger.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator commands of the jar. With no command the jar starts the server; with one it runs it against the
 * configured database and exits. Arguments are checked before anything starts, and {@code --help} starts nothing.
 */
@Command(name = "java -jar token-ledger.jar", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = BuildVersion.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"With no command: start the server. With a command: run it against the configured database "
                + "(SPRING_DATASOURCE_URL, or the embedded default) and exit.",
                "Results go to standard output as JSON, logs and progress to standard error; any "
                + "--property.name=value after a command is configuration, as for the server "
                + "(--spring.datasource.url=…)."},
        subcommands = {CommandLine.HelpCommand.class, MigrateCommand.class, VerifyCommand.class,
                RebuildCommand.class, ExportCommand.class, VerifyExportCommand.class, PruneCommand.class,
                StatsCommand.class, ClientsCommand.class, UsersCommand.class, TokensCommand.class, KeysCommand.class,
                EncryptPersonalDataCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, or the check found nothing wrong",
                "1:the check found something wrong (verify, verify-export), or the work failed (rebuild)",
                "2:usage: an unknown command, option or argument",
                "3:could not start: bad configuration, the database out of reach, a schema that does not fit",
                "4:not found: no such client, user or token"})
public final class LedgerCommandLine {

    /** A setting as Spring Boot reads it from the command line: a dotted property name, {@code =}, a value. */
    private static final Pattern SETTING = Pattern.compile("--[a-z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*",
            Pattern.DOTALL);
    /** The server's own flags besides settings. */
    private static final Set<String> SERVER_FLAGS = Set.of("--debug", "--trace");

    /**
     * Whether these arguments are for the command line rather than the server: the server takes only settings, so
     * anything else (a command, help, a typo such as {@code verfy}) is answered here, and never starts it.
     */
    public static boolean handles(String[] args) {
        return !Arrays.stream(args).allMatch(arg -> isSetting(arg) || SERVER_FLAGS.contains(arg));
    }

    static boolean isSetting(String arg) {
        return SETTING.matcher(arg).matches();
    }

    /** How a command's messages begin: {@code token-ledger clients show: }. */
    static String prefix(CommandSpec command) {
        return "token-ledger " + command.qualifiedName().substring(command.root().name().length()).strip() + ": ";
    }

    /** Runs the command; results to {@code out}, messages to {@code err}; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return new CommandLine(new LedgerCommandLine())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    command.getErr().println(prefix(command.getCommandSpec()) + "failed: " + Failures.oneLine(failure));
                    return ExitCodes.FAILED;
                })
                .execute(args);
    }
}
