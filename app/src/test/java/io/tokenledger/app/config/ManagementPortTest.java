package io.tokenledger.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator answers on the management port only: the public port shows no metrics or health details. */
@AutoConfigureObservability
class ManagementPortTest extends LedgerIntegrationTest {

    @Test
    void metricsAndHealthAreOnTheManagementPortAndNotOnThePublicOne() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/info"}) {
            assertThat(status("http://localhost:" + port + path)).as("public " + path).isEqualTo(404);
            assertThat(status("http://localhost:" + managementPort + path)).as("management " + path).isEqualTo(200);
        }
    }

    @Test
    void infoGivesTheVersionAndTheCommit() throws IOException {
        JsonNode info = new ObjectMapper().readTree(get("http://localhost:" + managementPort + "/actuator/info").body());

        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/git/commit/id").asText()).matches("[0-9a-f]{7,40}");
    }

    private int status(String url) {
        return get(url).statusCode();
    }

    private HttpResponse<String> get(String url) {
        return ledger.raw(HttpRequest.newBuilder(URI.create(url)).GET());
    }
}
