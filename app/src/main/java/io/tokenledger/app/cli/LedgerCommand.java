package io.tokenledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command that runs inside a Spring context started without HTTP: only the database's ({@link DatabaseOnly}) when
 * the command reads or migrates, the whole server's when it needs the command side or the seals. Logs go to standard
 * error at warning level unless {@code --verbose}; a context that cannot start is one line, not a stack trace.
 */
abstract class LedgerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Log at INFO, and stack traces of failures.")
    boolean verbose;

    @Unmatched
    List<String> configuration = new ArrayList<>();

    /** The context's source: {@link DatabaseOnly}, or the server's application class. */
    abstract Class<?> context();

    /**
     * Settings the command holds whatever the configuration says: they come before every other source. Only
     * {@code migrate} migrates; any other command on a schema that does not fit is refused in one line.
     */
    Map<String, Object> fixedSettings() {
        return Map.of("spring.flyway.enabled", "false");
    }

    /** Does the work, prints the result and returns the exit code. */
    abstract int run(ConfigurableApplicationContext context) throws Exception;

    @Override
    public Integer call() {
        for (String setting : configuration) {
            if (!LedgerCommandLine.isSetting(setting)) {
                throw new ParameterException(spec.commandLine(), "Unknown argument: " + setting
                        + " (configuration is written --property.name=value, e.g. --spring.datasource.url=…)");
            }
        }
        ConfigurableApplicationContext context;
        try {
            context = start();
        } catch (RuntimeException e) {
            return fail(ExitCodes.CANNOT_START, "cannot start: " + Failures.oneLine(e));
        }
        try (context) {
            return run(context);
        } catch (NotFound e) {
            return fail(ExitCodes.NOT_FOUND, e.getMessage());
        } catch (Exception e) {
            return fail(ExitCodes.FAILED, "failed: " + Failures.oneLine(e));
        }
    }

    void print(ConfigurableApplicationContext context, Object result) throws Exception {
        out().println(context.getBean(ObjectMapper.class).writeValueAsString(result));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private ConfigurableApplicationContext start() {
        String level = verbose ? "INFO" : "WARN";
        String failures = verbose ? "INFO" : "OFF";
        return new SpringApplicationBuilder(context())
                .web(WebApplicationType.NONE)
                .logStartupInfo(verbose)
                .properties("logging.level.root=" + level,
                        // Spring's own reports of a failed start are a stack trace and a warning holding the whole
                        // exception; the command says it in one line.
                        "logging.level.org.springframework.boot.SpringApplication=" + failures,
                        "logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext="
                                + failures,
                        "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=" + failures)
                .initializers(context -> context.getEnvironment().getPropertySources()
                                                .addFirst(new MapPropertySource("command", fixedSettings())))
                .run(configuration.toArray(String[]::new));
    }

    private int fail(int code, String message) {
        err().println(LedgerCommandLine.prefix(spec) + message);
        return code;
    }

    /** What the command was asked for does not exist. */
    static final class NotFound extends RuntimeException {

        NotFound(String message) {
            super(message);
        }
    }
}
