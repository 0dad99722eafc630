package io.tokenledger.app.cli;

import io.tokenledger.app.retention.Retention;
import io.tokenledger.app.retention.RetentionProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;

@Command(name = "prune", description = {"Delete the read-table rows retention lets go (ledger.retention.*) now, "
        + "rather than at the next scheduled run; the events stay.", "Prints how many rows of each table went."})
final class PruneCommand extends DatabaseCommand {

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        RetentionProperties settings = Binder.get(context.getEnvironment())
                                             .bindOrCreate("ledger.retention", RetentionProperties.class);
        print(context, new Retention(context.getBean(JdbcTemplate.class), settings).prune());
        return ExitCodes.OK;
    }
}
