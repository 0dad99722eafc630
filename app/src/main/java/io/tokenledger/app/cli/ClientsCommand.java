package io.tokenledger.app.cli;

import io.tokenledger.app.client.ClientSummary;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;


@Command(name = "clients", description = "The registered OAuth2 clients, from the clients table (never a secret "
        + "or its hash).", subcommands = {ClientsCommand.ListClients.class, ClientsCommand.ShowClient.class})
final class ClientsCommand extends CommandGroup {

    private static ClientLookup lookup(ConfigurableApplicationContext context) {
        return new ClientLookup(context.getBean(JdbcTemplate.class));
    }

    @Command(name = "list", description = "Every client, retired ones too, oldest first, as a JSON array.")
    static final class ListClients extends DatabaseCommand {

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            print(context, lookup(context).all().stream().map(client -> ClientSummary.of(client, null)).toList());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One client, with how many of its tokens are active now.")
    static final class ShowClient extends DatabaseCommand {

        @Parameters(paramLabel = "<client_id>")
        String clientId;

        @Override
        int run(ConfigurableApplicationContext context) throws Exception {
            ClientLookup clients = lookup(context);
            ClientRegistration client = clients.find(clientId)
                                               .orElseThrow(() -> new NotFound("no client " + clientId));
            print(context, ClientSummary.of(client, clients.activeTokens(clientId)));
            return ExitCodes.OK;
        }
    }
}
