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
import java.util.Map;

/**
 * A small HTTP client of the Vitalink API, as a cancer centre's server would use it: it logs in with its service
 * account, sends the access token as a bearer token, and logs in again when the API answers 401 (token expired).
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String token;

    /** An anonymous client: every call but login is refused. */
    public ApiClient(URI base) {
        this(base, null, null);
    }

    public ApiClient(URI base, String username, String password) {
        this.base = base;
        this.username = username;
        this.password = password;
    }

    /** Logs in and returns the access token; throws when the API refuses. */
    public String login() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("username", username, "password", password)))), false);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        token = parse(response.body()).path("access_token").asText();
        return token;
    }

    /** Uploads a CSV job and returns its jobId. */
    public String submitCsv(Path csv) {
        return submitCsv(csv, "");
    }

    /** Uploads a CSV job with query parameters ({@code ?watchUntil=2031-12-31}, or empty) and returns its jobId. */
    public String submitCsv(Path csv, String query) {
        return accepted(uploadCsv(csv, query));
    }

    /** Uploads a CSV job with query parameters (or empty) and returns the API's answer, accepted or not. */
    public HttpResponse<String> uploadCsv(Path csv, String query) {
        try {
            return send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs" + query))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits a job as a JSON body and returns its jobId. */
    public String submitJson(String body) {
        return submit("application/json", body);
    }

    /** Submits a job body of the given media type (e.g. {@code application/fhir+json}) and returns its jobId. */
    public String submit(String contentType, String body) {
        return accepted(send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), true));
    }

    public HttpResponse<String> get(String path, String accept) {
        return get(path, accept, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body goes where {@code body} puts it, e.g. straight to a file for a large export. */
    public <T> HttpResponse<T> get(String path, String accept, HttpResponse.BodyHandler<T> body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET(), true, body);
    }

    /** Any call with a JSON body (or none when {@code body} is null). */
    public HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }
        return send(request, true);
    }

    public JsonNode job(String jobId) {
        HttpResponse<String> response = get("/api/v1/jobs/" + jobId, "application/json");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET job answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /**
     * Polls the job until it is COMPLETED, or throws after {@code timeout}. A job produced straight into Kafka is
     * unknown to the API (404) until match-streams has committed its opening, up to a commit interval later.
     */
    public JsonNode awaitCompleted(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> response = get("/api/v1/jobs/" + jobId, "application/json");
            if (response.statusCode() != 200 && response.statusCode() != 404) {
                throw new IllegalStateException("GET job answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode job = response.statusCode() == 200 ? parse(response.body()) : null;
            if (job != null && "COMPLETED".equals(job.path("state").asText())) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " not completed after " + timeout + ": "
                        + (job == null ? "the API does not know it (404)" : job));
            }
            Thread.sleep(250);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String accepted(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new IllegalStateException("job refused with " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body()).path("jobId").asText();
    }

    /** With the bearer token when this client has credentials; logs in first, and once more after a 401. */
    private HttpResponse<String> send(HttpRequest.Builder request, boolean authenticated) {
        return send(request, authenticated, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, boolean authenticated, HttpResponse.BodyHandler<T> body) {
        boolean withToken = authenticated && username != null;
        if (withToken && token == null) {
            login();
        }
        HttpResponse<T> response = exchange(withToken ? request.copy().setHeader("Authorization", "Bearer " + token) : request, body);
        if (withToken && response.statusCode() == 401) {
            login();
            response = exchange(request.copy().setHeader("Authorization", "Bearer " + token), body);
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
