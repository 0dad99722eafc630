package io.tokenledger.app.cli;

import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "migrate", description = {"Apply the migrations the database lacks, as the server does at start-up "
        + "unless SPRING_FLYWAY_ENABLED=false (which this command overrides), and print the schema version."})
final class MigrateCommand extends DatabaseCommand {

    @Override
    Map<String, Object> fixedSettings() {
        return Map.of("spring.flyway.enabled", "true");
    }

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        // Starting the context ran Flyway; this reports where the schema stands.
        Flyway flyway = context.getBean(Flyway.class);
        print(context, Map.of("schema_version", flyway.info().current().getVersion().getVersion()));
        return ExitCodes.OK;
    }
}
