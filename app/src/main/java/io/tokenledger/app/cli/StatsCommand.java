package io.tokenledger.app.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;

@Command(name = "stats", description = "Tokens per grant type and client, by state: the token_statistics view.")
final class StatsCommand extends DatabaseCommand {

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        print(context, context.getBean(JdbcTemplate.class)
                              .queryForList("SELECT * FROM token_statistics ORDER BY grant_type, client_id"));
        return ExitCodes.OK;
    }
}
