package io.vitalink.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small HTTP client for the tests: JSON in, status and body out, optional bearer token. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final URI base;

    public Http(URI base) {
        this(base, HttpClient.newHttpClient());
    }

    public Http(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** Logs in and returns the access token; fails the test when the login is refused. */
    public String token(String username, String password) {
        HttpResponse<String> response = login(username, password);
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).path("access_token").asText();
    }

    public HttpResponse<String> login(String username, String password) {
        return send("POST", "/api/v1/login", null, "application/json",
                json(Map.of("username", username, "password", password)));
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The VL- code of a problem+json answer. */
    public static String code(HttpResponse<String> response) {
        return json(response).path("code").asText();
    }
}
