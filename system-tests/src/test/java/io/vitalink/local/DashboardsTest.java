package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards are valid JSON that Grafana provisions as they are: a unique uid, every panel on the
 * Prometheus data source variable, every query non-empty. That each metric exists is checked against a live scrape
 * by PrometheusIT; here, that the PromQL reader it uses finds the metrics and only them.
 */
class DashboardsTest {

    private static final Path DASHBOARDS = Path.of("..").toAbsolutePath().normalize().resolve("docker/grafana/dashboards");

    @Test
    void everyDashboardIsProvisionableAndQueriesPrometheusThroughTheDataSourceVariable() throws IOException {
        Set<String> uids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(DASHBOARDS)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as(file + " uid").isTrue();
            assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
            assertThat(dashboard.path("id").isMissingNode() || dashboard.path("id").isNull()).as(file + " has no id").isTrue();
            JsonNode datasource = dashboard.path("templating").path("list").get(0);
            assertThat(datasource.path("type").asText()).isEqualTo("datasource");
            assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
            assertThat(datasource.path("current").path("value").asText()).isEqualTo("prometheus");
            List<JsonNode> panels = new ArrayList<>();
            dashboard.path("panels").forEach(panels::add);
            assertThat(panels).as(file + " panels").isNotEmpty();
            for (JsonNode panel : panels) {
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                panel.path("targets").forEach(target -> {
                    assertThat(target.path("expr").asText()).isNotBlank();
                    assertThat(PromQlNames.metricNames(target.path("expr").asText())).isNotEmpty();
                });
            }
        }
    }

    @Test
    void readsTheMetricNamesOfAnExpression() {
        assertThat(PromQlNames.metricNames(
                "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket{uri!~\"/prometheus|/health.*\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQlNames.metricNames("sum(vitalink_a_total) > 1000 and deriv(sum(vitalink_b)[15m:1m]) > 0 unless on (job) up offset 1h"))
                .containsExactly("up", "vitalink_a_total", "vitalink_b");
        assertThat(PromQlNames.metricNames("max without (instance, pod) (vitalink_jobs{state=\"RUNNING\"}) * 1e3"))
                .containsExactly("vitalink_jobs");
        assertThat(PromQlNames.metricNames("label_values(jvm_memory_used_bytes{job=~\"$job\"}, instance)"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQlNames.metricNames("absent(vitalink_streams_state{state=\"RUNNING\"} == 1)"))
                .containsExactly("vitalink_streams_state");
    }
}
