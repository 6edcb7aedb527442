package io.vitalink.streams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * match-streams' management port (default 8081, {@value StreamsSettings#MANAGEMENT_PORT}): {@code GET /prometheus}
 * (the scrape), {@code GET /health/liveness} (200 unless the app has failed or stopped: ERROR, PENDING_ERROR,
 * NOT_RUNNING) and {@code GET /health/readiness} (200 only while RUNNING). No authentication and no patient data:
 * keep the port inside the cluster network (docs/OPERATIONS.md).
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
    public static final String PROMETHEUS = "/prometheus";
    public static final String LIVENESS = "/health/liveness";
    public static final String READINESS = "/health/readiness";
    private static final Set<KafkaStreams.State> DEAD =
            EnumSet.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING);

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code address}:{@code port} (0: a free port) and returns at once. */
    public static ManagementServer start(String address, int port, PrometheusMeterRegistry registry,
                                         Supplier<KafkaStreams.State> state) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
        server.createContext(PROMETHEUS, exchange -> {
            if (allowed(exchange, PROMETHEUS)) {
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            }
        });
        server.createContext(LIVENESS, exchange -> {
            if (allowed(exchange, LIVENESS)) {
                KafkaStreams.State now = state.get();
                health(exchange, !DEAD.contains(now), now);
            }
        });
        server.createContext(READINESS, exchange -> {
            if (allowed(exchange, READINESS)) {
                KafkaStreams.State now = state.get();
                health(exchange, now == KafkaStreams.State.RUNNING, now);
            }
        });
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8", "Not found\n"));
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "match-streams-management");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        log.info("Management endpoints on port {}: {}, {}, {}", server.getAddress().getPort(), PROMETHEUS, LIVENESS, READINESS);
        return new ManagementServer(server, executor);
    }

    /** The port listened on (the one picked when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** GET or HEAD of exactly {@code path}; anything else is answered here (404 or 405) and false returned. */
    private static boolean allowed(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            respond(exchange, 404, "text/plain; charset=utf-8", "Not found\n");
            return false;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().add("Allow", "GET, HEAD");
            respond(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
            return false;
        }
        return true;
    }

    private static void health(HttpExchange exchange, boolean up, KafkaStreams.State state) throws IOException {
        respond(exchange, up ? 200 : 503, "application/json",
                "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
