package io.tokenledger.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.retention.Retention;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.projections.rebuild.RebuildProgress;
import io.tokenledger.projections.rebuild.RebuildableProjection;
import org.flywaydb.core.Flyway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operator commands run from the same jar, against the configured database, without serving HTTP:
 * {@code migrate}, {@code rebuild <projection>}, {@code verify}, {@code export <dir>}, {@code prune} and
 * {@code stats}; and {@code verify-export <dir>}, which needs no database ({@link ExportCommand}).
 * Each prints JSON. Exit codes: 0 done or OK, 1 failed or tampering found, 2 usage.
 */
final class OperatorCommand {

    static final Set<String> COMMANDS = Set.of("migrate", "rebuild", "verify", "export", "prune", "stats");
    private OperatorCommand() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || ExportCommand.VERIFY.equals(args[0]));
    }

    static int run(String[] args, PrintStream out) {
        String[] springArgs = Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        String[] words = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        if (words[0].equals(ExportCommand.VERIFY)) {
            return ExportCommand.verify(words, springArgs, out, System.err);
        }
        if (words[0].equals("rebuild") && words.length != 2) {
            out.println("usage: java -jar token-ledger.jar rebuild <clients|tokens|authorization_codes|users|audit_log>");
            return 2;
        }
        if (words[0].equals("export") && words.length != 2) {
            out.println("usage: java -jar token-ledger.jar export <empty or new directory>");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TokenLedgerApplication.class)
                .web(WebApplicationType.NONE).run(springArgs)) {
            ObjectMapper json = context.getBean(ObjectMapper.class);
            return switch (words[0]) {
                case "verify" -> verify(context, json, out);
                case "rebuild" -> rebuild(context, words[1], json, out);
                case "export" -> print(json, out, ExportCommand.export(context, Path.of(words[1]), System.err));
                case "prune" -> print(json, out, context.getBean(Retention.class).prune());
                case "stats" -> print(json, out, context.getBean(JdbcTemplate.class)
                        .queryForList("SELECT * FROM token_statistics ORDER BY grant_type, client_id"));
                // migrate: starting the context already ran Flyway; report where the schema stands.
                default -> print(json, out, Map.of("schema_version", context.getBean(Flyway.class).info().current()
                        .getVersion().getVersion()));
            };
        } catch (Exception e) {
            out.println("failed: " + e.getMessage());
            return 1;
        }
    }

    private static int print(ObjectMapper json, PrintStream out, Object result) throws Exception {
        out.println(json.writeValueAsString(result));
        return 0;
    }

    private static int verify(ConfigurableApplicationContext context, ObjectMapper json, PrintStream out)
            throws Exception {
        Verification result = context.getBean(LedgerVerifier.class).verify();
        out.println(json.writeValueAsString(result));
        return result.ok() ? 0 : 1;
    }

    private static int rebuild(ConfigurableApplicationContext context, String name, ObjectMapper json,
                               PrintStream out) throws Exception {
        Optional<RebuildableProjection> projection = context.getBean(ProjectionCatalog.class).named(name);
        if (projection.isEmpty()) {
            out.println("no rebuildable projection named " + name);
            return 2;
        }
        RebuildProgress result = context.getBean(ProjectionRebuilder.class).rebuild(projection.get());
        out.println(json.writeValueAsString(result));
        return "done".equals(result.state()) ? 0 : 1;
    }
}
