package io.tokenledger.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped reverse proxy (deploy/nginx/nginx.conf) sends every endpoint the metadata advertises, and the ledger's
 * own APIs, to a node of the role that serves it: asked there, no node answers "send this request to a … node".
 */
class ReverseProxyRoutesTest {

    private static final Path CONFIG = Path.of("..", "deploy", "nginx", "nginx.conf");
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+(\\w+)\\s*\\{\\s*server\\s+(\\w+)-node:");
    private static final Pattern LOCATION = Pattern.compile(
            "location\\s+(=\\s+)?(\\S+)\\s*\\{\\s*proxy_pass\\s+http://(\\w+);");
    private static final String MISROUTED = "send this request to a";

    @Test
    void everyAdvertisedEndpointIsRoutedToARoleThatServesIt() throws IOException {
        Routes routes = Routes.parse(Files.readString(CONFIG));
        TestDatabase db = TestDatabase.create();
        try (ConfigurableApplicationContext command = start(db, "command");
             ConfigurableApplicationContext query = start(db, "query")) {
            Map<String, LedgerClient> nodes = Map.of("command", LedgerClient.of(command), "query",
                    LedgerClient.of(query));
            JsonNode metadata = new ObjectMapper().readTree(nodes.get("command")
                    .raw(HttpRequest.newBuilder(nodes.get("command").uri("/.well-known/oauth-authorization-server")))
                    .body());
            TreeSet<String> paths = new TreeSet<>();
            metadata.fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("_endpoint")) {
                    paths.add(URI.create(field.getValue().asText()).getPath());
                }
            });
            assertThat(paths).as("the metadata advertises endpoints").hasSizeGreaterThan(4);
            paths.addAll(List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration",
                    "/oauth2/jwks", "/ledger/verify",
                    "/ledger/tokens/lookup", "/admin/projections", "/oauth2/register/a-client"));

            for (String path : paths) {
                String role = routes.roleOf(path);
                LedgerClient node = nodes.get(role);
                for (String method : new String[] {"GET", "POST"}) {
                    HttpResponse<String> answer = node.raw(HttpRequest.newBuilder(node.uri(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .method(method, HttpRequest.BodyPublishers.ofString("")));
                    assertThat(answer.body()).as("%s %s, routed to the %s role", method, path, role)
                                             .doesNotContain(MISROUTED);
                }
            }
            assertThat(routes.roleOf("/oauth2/introspect")).isEqualTo("query");
            assertThat(routes.roleOf("/oauth2/token")).isEqualTo("command");
        }
    }

    /** nginx's choice of location: an exact match, else the longest matching prefix. */
    private record Routes(Map<String, String> exact, Map<String, String> prefixes) {

        static Routes parse(String config) {
            Map<String, String> roles = new HashMap<>();
            Matcher upstream = UPSTREAM.matcher(config);
            while (upstream.find()) {
                roles.put(upstream.group(1), upstream.group(2));
            }
            Map<String, String> exact = new HashMap<>();
            Map<String, String> prefixes = new LinkedHashMap<>();
            Matcher location = LOCATION.matcher(config);
            while (location.find()) {
                (location.group(1) != null ? exact : prefixes).put(location.group(2),
                        roles.get(location.group(3)));
            }
            assertThat(roles).as("upstreams").containsOnlyKeys("command_nodes", "query_nodes");
            return new Routes(exact, prefixes);
        }

        String roleOf(String path) {
            return exact.containsKey(path) ? exact.get(path)
                    : prefixes.keySet().stream().filter(path::startsWith)
                              .max(Comparator.comparingInt(String::length)).map(prefixes::get).orElseThrow();
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String role) {
        return new SpringApplicationBuilder(TokenLedgerApplication.class).run("--spring.datasource.url=" + db.jdbcUrl(),
                "--server.port=0", "--spring.datasource.hikari.maximum-pool-size=6", "--ledger.admin-client-id=ops",
                "--ledger.admin-client-secret=ops-secret-0123", "--ledger.role=" + role);
    }
}
