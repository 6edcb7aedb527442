package io.vitalink.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A small HTTP client of the Vitalink API, as a cancer centre would use it. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ApiClient(URI base) {
        this.base = base;
    }

    /** Uploads a CSV job and returns its jobId. */
    public String submitCsv(Path csv) {
        try {
            return accepted(send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits a job as a JSON body and returns its jobId. */
    public String submitJson(String body) {
        return accepted(send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET().build());
    }

    public JsonNode job(String jobId) {
        HttpResponse<String> response = get("/api/v1/jobs/" + jobId, "application/json");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET job answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Polls the job until it is COMPLETED, or throws after {@code timeout}. */
    public JsonNode awaitCompleted(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = job(jobId);
        while (!"COMPLETED".equals(job.path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " not completed after " + timeout + ": " + job);
            }
            Thread.sleep(250);
            job = job(jobId);
        }
        return job;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private String accepted(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new IllegalStateException("job refused with " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body()).path("jobId").asText();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
