package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackSenderTest {

    private final WebhookSettings settings = new WebhookSettings(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofMillis(500), Duration.ofSeconds(2), List.of(), List.of(), Map.of());
    private final Map<String, String> seen = java.util.Collections.synchronizedMap(new java.util.HashMap<>());
    private HttpServer receiver;
    private CallbackSender sender;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            seen.put("uri", exchange.getRequestURI().toString());
            seen.put("host", exchange.getRequestHeaders().getFirst("Host"));
            seen.put("method", exchange.getRequestMethod());
            seen.put("type", exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.put("attempt", exchange.getRequestHeaders().getFirst(WebhookDispatcher.ATTEMPT_HEADER));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean moved = exchange.getRequestURI().getPath().equals("/moved");
            if (moved) {
                exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/inside");
            }
            exchange.sendResponseHeaders(moved ? 302 : 204, -1);
            exchange.close();
        });
        receiver.start();
        sender = new CallbackSender(settings);
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.stop(0);
    }

    @Test
    void postsToTheGivenAddressWhileTheRequestNamesTheUrlsHostPathAndQuery() throws Exception {
        int port = receiver.getAddress().getPort();
        URI uri = URI.create("http://hooks.example.org:" + port + "/vitalink/hook?centre=a&x=%20");

        CallbackSender.Answer answer = sender.post(uri, InetAddress.getLoopbackAddress(),
                Map.of(WebhookDispatcher.ATTEMPT_HEADER, "3"), "{\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer).isEqualTo(new CallbackSender.Answer(204, null));
        assertThat(seen).containsEntry("uri", "/vitalink/hook?centre=a&x=%20")
                .containsEntry("host", "hooks.example.org:" + port)
                .containsEntry("method", "POST")
                .containsEntry("attempt", "3")
                .containsEntry("body", "{\"jobId\":\"j\"}");
        assertThat(seen.get("type")).isEqualTo("application/json");
    }

    @Test
    void aRedirectIsAnAnswerAndNotFollowed() throws Exception {
        URI uri = URI.create("http://hooks.example.org:" + receiver.getAddress().getPort() + "/moved");

        CallbackSender.Answer answer = sender.post(uri, InetAddress.getLoopbackAddress(), Map.of(), new byte[0]);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(seen).containsEntry("uri", "/moved");
    }

    @Test
    void aPortWhereNothingListensGivesAGenericFailureThatNamesNeitherAddressNorPort() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }

        CallbackSender.Answer answer = sender.post(URI.create("http://hooks.example.org:" + closed + "/"),
                InetAddress.getLoopbackAddress(), Map.of(), new byte[0]);

        assertThat(answer).isEqualTo(new CallbackSender.Answer(null, CallbackSender.UNREACHABLE));
    }
}
