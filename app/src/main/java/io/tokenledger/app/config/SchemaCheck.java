package io.tokenledger.app.config;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.Arrays;

/**
 * Where the migrations run as a job of their own ({@code SPRING_FLYWAY_ENABLED=false}), a node checks the schema
 * itself, as soon as its database is reachable and before anything reads it: a schema the migrations have not reached
 * yet, or one a newer server migrated past what this one knows, refuses the start in one line.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.flyway.enabled", havingValue = "false")
public class SchemaCheck {

    @Bean
    static BeanPostProcessor schemaMatchesThisServer(Environment environment) {
        String locations = environment.getProperty("spring.flyway.locations", "classpath:db/migration");
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource data) {
                    check(Flyway.configure().dataSource(data).locations(locations.split(",")).load().info());
                }
                return bean;
            }
        };
    }

    static void check(MigrationInfoService migrations) {
        MigrationInfo[] all = migrations.all();
        String known = Arrays.stream(all).filter(m -> m.getState().isResolved()).reduce((first, second) -> second)
                             .map(m -> m.getVersion().getVersion()).orElse("none");
        MigrationInfo current = migrations.current();
        String at = current == null ? "empty" : "at version " + current.getVersion().getVersion();
        if (migrations.pending().length > 0) {
            throw new SchemaMismatch("the database schema is " + at + " and this server needs version " + known,
                    "Run the migrations (java -jar token-ledger.jar migrate, or the migration job: "
                    + "docs/operations.md, \"Migrations\"), or start with SPRING_FLYWAY_ENABLED=true.");
        }
        if (Arrays.stream(all).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS)) {
            throw new SchemaMismatch("the database schema is " + at + ", newer than this server knows (version "
                    + known + ")", "Run the server version that migrated it, or a newer one.");
        }
    }

    /** The schema does not fit this server; the start is refused. */
    public static class SchemaMismatch extends RuntimeException {

        private final String action;

        SchemaMismatch(String message, String action) {
            super(message);
            this.action = action;
        }

        /** What the operator does about it. */
        public String action() {
            return action;
        }
    }

    /** Prints the reason and the fix instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<SchemaMismatch> {

        @Override
        protected FailureAnalysis analyze(Throwable root, SchemaMismatch cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action, cause);
        }
    }
}
