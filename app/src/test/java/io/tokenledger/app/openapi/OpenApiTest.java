package io.tokenledger.app.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.app.web.ProtocolEndpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI 3.1 description at /openapi.json names every endpoint the server maps, and the security of each. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest extends LedgerIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private HttpResponse<String> response;
    private JsonNode document;

    @BeforeAll
    void fetch() throws IOException, InterruptedException {
        response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        document = json.readTree(response.body());
    }

    @Test
    void isOpenApi31ServedToAnyoneAsJson() {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(document.get("openapi").asText()).startsWith("3.1");
        OpenAPI parsed = Json31.mapper().convertValue(document, OpenAPI.class);
        assertThat(parsed.getPaths()).isNotEmpty();
    }

    @Test
    void listsEveryMappedEndpointWithItsMethods(@Autowired RequestMappingHandlerMapping mvc,
                                                @Autowired List<ProtocolEndpoint> protocol) {
        Set<String> mapped = new TreeSet<>();
        mvc.getHandlerMethods().keySet().forEach(mapping -> mapped.addAll(operations(mapping)));
        protocol.forEach(endpoint -> mapped.add("POST " + endpoint.path()));
        // The description itself (as JSON and as YAML), and Spring Boot's error page, are no API.
        mapped.removeIf(operation -> operation.endsWith(" /error") || operation.contains(" /openapi.json"));

        Set<String> described = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(mapped).hasSizeGreaterThan(40).contains("POST /oauth2/token", "GET /oauth2/authorize",
                "PUT /admin/users/{userId}/roles");
        assertThat(described).containsAll(mapped);
    }

    @Test
    void statesTheOAuth2SecurityOfEachPath() {
        JsonNode schemes = document.at("/components/securitySchemes");
        assertThat(schemes.at("/oauth2/flows/clientCredentials/tokenUrl").asText()).isEqualTo("/oauth2/token");
        assertThat(schemes.at("/oauth2/flows/authorizationCode/authorizationUrl").asText())
                .isEqualTo("/oauth2/authorize");
        assertThat(schemes.at("/clientBasic/scheme").asText()).isEqualTo("basic");

        assertThat(security("/admin/users/{userId}/roles", "put")).isEqualTo("[{\"oauth2\":[\"ledger:admin\"]}]");
        assertThat(security("/ledger/audit", "get")).isEqualTo("[{\"oauth2\":[\"ledger:audit\"]}]");
        assertThat(security("/ledger/anchor-key", "get")).isEqualTo("[]");
        assertThat(security("/oauth2/introspect", "post")).isEqualTo("[{\"clientBasic\":[]}]");
        assertThat(security("/oauth2/register/{clientId}", "put")).contains("registrationAccessToken");
        assertThat(security("/oauth2/register/{clientId}/secret", "post")).as("an administrator's only")
                .isEqualTo("[{\"oauth2\":[\"ledger:admin\"]}]");
    }

    /** Every $ref points at something the document holds: the hand-kept fragment and springdoc's parts fit. */
    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collect(document, references);
        assertThat(references).isNotEmpty().allSatisfy(reference -> assertThat(
                document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse());
    }

    private String security(String path, String method) {
        return document.get("paths").get(path).get(method).get("security").toString();
    }

    private static void collect(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collect(child, references));
    }

    private static List<String> operations(RequestMappingInfo mapping) {
        Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
        List<String> operations = new ArrayList<>();
        for (String pattern : mapping.getPatternValues()) {
            String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
            (methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
                    .forEach(method -> operations.add(method.name() + " " + path));
        }
        return operations;
    }
}
