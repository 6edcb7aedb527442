package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * System configuration on the real broker (docs/OPERATIONS.md#system-configuration): an administrator lowers the
 * probable threshold through the API, and match-streams decides the next job with it, without a restart; a second
 * API instance shows the same version; only an administrator may change it; going back restores the deployment's;
 * a new job retention becomes the job data topics' {@code retention.ms}.
 */
@Tag("integration")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SystemConfigIT {

    private static final long SEED = 23;

    @TempDir
    Path dataDir;

    @Test
    void aThresholdChangedThroughTheApiDecidesTheNextJobsInMatchStreamsWithoutARestart() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3))) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            List<SampleDeath> deaths = SampleData.deaths(SEED, 300);
            Path csv = dataDir.resolve("deaths.csv");
            SampleData.writeDeathsCsv(deaths, csv);
            assertThat(stack.loadDeaths(csv, "config").loaded()).isEqualTo(300);
            stack.awaitRegistryIndexed(Duration.ofMinutes(2));
            // a two-character name with one character added: similarity 0.91, under the deployment's 0.92
            SampleDeath death = deaths.stream()
                    .filter(d -> d.name().length() == 2)
                    .filter(d -> deaths.stream().filter(o -> o.birthDate().equals(d.birthDate()) && o.sex().equals(d.sex())).count() == 1)
                    .findFirst().orElseThrow();
            String body = """
                    {"records":[{"recordId":"r1","name":"%s民","sex":"%s","birthDate":"%s"}]}"""
                    .formatted(death.name(), death.sex(), death.birthDate());
            ApiClient centre = stack.client(LocalStack.SUBMITTER);
            ApiClient admin = stack.client(LocalStack.ADMIN);

            assertThat(outcome(centre, body)).isEqualTo("INVALID");

            HttpResponse<String> refused = centre.send("PUT", "/api/v1/config",
                    Map.of("version", 0, "settings", Map.of("matching.probableThreshold", "0.9")));
            assertThat(refused.statusCode()).isEqualTo(403);
            HttpResponse<String> changed = admin.send("PUT", "/api/v1/config",
                    Map.of("version", 0, "settings", Map.of("matching.probableThreshold", "0.9")));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            assertThat(outcomeOnceApplied(centre, body, "PROBABLE")).isEqualTo("PROBABLE");
            try (LocalStack.ApiInstance replica = stack.startApiReplica("config-replica")) {
                JsonNode seen = ApiClient.parse(replica.client(LocalStack.ADMIN).get("/api/v1/config", "application/json").body());
                assertThat(seen.path("version").asLong()).isEqualTo(1);
                assertThat(seen.path("changedBy").asText()).isEqualTo(LocalStack.ADMIN.username());
            }
            java.util.HashMap<String, Object> reset = new java.util.HashMap<>();
            reset.put("matching.probableThreshold", null);
            assertThat(admin.send("PUT", "/api/v1/config", Map.of("version", 1, "settings", reset)).statusCode()).isEqualTo(200);
            assertThat(outcomeOnceApplied(centre, body, "INVALID")).isEqualTo("INVALID");
            JsonNode history = ApiClient.parse(admin.get("/api/v1/config/history", "application/json").body());
            assertThat(history).hasSize(2);

            assertThat(admin.send("PUT", "/api/v1/config", Map.of("version", 2, "settings", Map.of("jobs.retention", "45d")))
                    .statusCode()).isEqualTo(200);
            assertThat(retentionMsOnceSet(stack, "match-results", Duration.ofDays(45))).isEqualTo(Duration.ofDays(45).toMillis());
        }
    }

    /** Every API instance sets the job data topics' retention.ms after the change, soon after. */
    private static long retentionMsOnceSet(LocalStack stack, String topic, Duration expected) throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Instant deadline = Instant.now().plusSeconds(30);
            long value;
            do {
                Thread.sleep(300);
                value = Long.parseLong(kafka.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                        .get(resource).get(TopicConfig.RETENTION_MS_CONFIG).value());
            } while (value != expected.toMillis() && Instant.now().isBefore(deadline));
            return value;
        }
    }

    private static String outcome(ApiClient centre, String body) throws InterruptedException {
        String jobId = centre.submitJson(body);
        centre.awaitCompleted(jobId, Duration.ofMinutes(1));
        return ApiClient.parse(centre.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson").body().strip())
                .path("outcome").asText();
    }

    /** The change reaches match-streams through the topic and is read within a second: a few jobs at most. */
    private static String outcomeOnceApplied(ApiClient centre, String body, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        String outcome = outcome(centre, body);
        while (!outcome.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            outcome = outcome(centre, body);
        }
        return outcome;
    }
}
