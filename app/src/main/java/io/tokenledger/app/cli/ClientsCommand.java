package io.tokenledger.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;

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
            print(context, lookup(context).all().stream().map(client -> Client.of(client, null)).toList());
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
            print(context, Client.of(client, clients.activeTokens(clientId)));
            return ExitCodes.OK;
        }
    }

    /** A client as an operator sees it: its metadata, never its secret's hash. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Client(String clientId, String clientName, List<String> grantTypes, List<String> scope,
                  List<String> redirectUris, String tokenEndpointAuthMethod, Instant createdAt, Instant retiredAt,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Long activeTokens) {

        static Client of(ClientRegistration client, Long activeTokens) {
            return new Client(client.clientId(), client.clientName(), client.grantTypes(), client.scopes(),
                    client.redirectUris(), client.tokenEndpointAuthMethod(), client.createdAt(), client.retiredAt(),
                    activeTokens);
        }
    }
}
