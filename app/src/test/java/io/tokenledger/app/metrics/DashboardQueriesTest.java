package io.tokenledger.app.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every series the shipped Grafana dashboard and Prometheus alert rules query is one a running server exports: a
 * renamed metric, or a panel written against a series that never existed, fails here rather than showing nothing.
 */
@AutoConfigureObservability
class DashboardQueriesTest extends LedgerIntegrationTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** The exporters whose series the queries name; {@code up} and the like come from Prometheus itself. */
    private static final Pattern SERIES = Pattern.compile(
            "\\b((?:ledger|http_server|hikaricp|commandBus|eventStore|eventProcessor|jvm|process|cache)_[A-Za-z0-9_]+)");

    private String scrape;

    @BeforeEach
    void aServerThatHasServedEveryKindOfRequest() {
        var client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(client, "read");
        ledger.introspect(client, token);
        ledger.revoke(client, token);
        scrape = ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/prometheus")).GET()).body();
    }

    @Test
    void everyDashboardPanelQueriesSeriesTheServerExports() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode expr : new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/token-ledger.json")
                                                              .toFile()).findValues("expr")) {
            queries.add(expr.asText());
        }
        assertExported(queries);
    }

    /** What the alerts on health and anchoring read: a healthy node says 1, and knows its newest anchor. */
    @Test
    void healthAndTheNewestAnchorAreGauges() {
        assertThat(scrape).containsPattern("(?m)^ledger_health_status 1\\.0$")
                          .containsPattern("(?m)^ledger_anchor_position [0-9]")
                          .containsPattern("(?m)^ledger_anchor_time_seconds [0-9]");
    }

    @Test
    void everyAlertRuleQueriesSeriesTheServerExports() throws IOException {
        List<String> queries = new ArrayList<>();
        try (InputStream rules = Files.newInputStream(DEPLOY.resolve("prometheus/alerts.yml"))) {
            Map<String, List<Map<String, Object>>> file = new Yaml().load(rules);
            for (Map<String, Object> group : file.get("groups")) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> alerts = (List<Map<String, Object>>) group.get("rules");
                alerts.forEach(alert -> queries.add(alert.get("expr").toString()));
            }
        }
        assertExported(queries);
    }

    private void assertExported(List<String> queries) {
        assertThat(queries).isNotEmpty();
        Set<String> missing = new TreeSet<>();
        for (String query : queries) {
            // Label values in quotes ({projection="ledger_chain"}) name no series.
            Matcher series = SERIES.matcher(query.replaceAll("\"[^\"]*\"", "\"\""));
            while (series.find()) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(series.group(1)) + "[{ ]").matcher(scrape).find()) {
                    missing.add(series.group(1) + " (in " + query + ")");
                }
            }
        }
        assertThat(missing).as("series queried but not exported").isEmpty();
    }
}
