package io.vitalink.local.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalink.local.ApiClient;
import io.vitalink.local.LocalStack;
import io.vitalink.local.SampleData;
import io.vitalink.loader.LoadSummary;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Runs an {@link EvaluationSet} through the real system: death-loader, Kafka, match-streams and the HTTP API. */
public final class MatchingEvaluation {

    private MatchingEvaluation() {
    }

    public record Run(LoadSummary load, JsonNode job, QualityReport report) {
    }

    public static Run run(LocalStack stack, EvaluationSet set, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        Path deaths = workDir.resolve("evaluation-deaths.csv");
        SampleData.writeDeathsCsv(set.registryRows(), deaths);
        LoadSummary load = stack.loadDeaths(deaths, "evaluation");
        stack.awaitRegistryIndexed(timeout);

        Path requests = workDir.resolve("evaluation-requests.csv");
        set.writeRequestsCsv(requests);
        stack.approveSampleApplication(); // the sample centre's jobs run under it
        ApiClient api = stack.client(LocalStack.SUBMITTER);
        String jobId = api.submitCsv(requests);
        JsonNode job = api.awaitCompleted(jobId, timeout);

        HttpResponse<String> results = api.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");
        if (results.statusCode() != 200) {
            throw new IllegalStateException("results answered " + results.statusCode());
        }
        Map<String, QualityReport.Answer> answers = new HashMap<>();
        results.body().lines().map(ApiClient::parse).forEach(line -> answers.put(line.path("recordId").asText(),
                new QualityReport.Answer(line.path("outcome").asText(), text(line, "matchRule"), text(line, "linkedIdNumber"))));
        return new Run(load, job, QualityReport.of(set.requests(), answers));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
