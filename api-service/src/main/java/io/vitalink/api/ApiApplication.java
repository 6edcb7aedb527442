package io.vitalink.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/** The API service. {@link #main} for a deployment; {@link #start} for starting it inside another process. */
public final class ApiApplication {

    /**
     * Settings this service needs even when its application.yml is not the one found on the classpath
     * (another module's may shadow it when several services run in one JVM). Given properties win.
     */
    public static final Map<String, Object> DEFAULTS = Map.of(
            "micronaut.application.name", "vitalink-api",
            "micronaut.server.max-request-size", "1GB",
            "micronaut.server.multipart.max-file-size", "1GB");

    private ApiApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ApiApplication.class).properties(DEFAULTS).start();
    }

    /**
     * Starts the service in-process and returns its running context; close the context to stop it.
     * Pass e.g. {@code kafka.bootstrap.servers}, {@code vitalink.store.dir} and {@code micronaut.server.port}
     * (-1 for a random free port); read the address from {@code context.getBean(EmbeddedServer.class).getURL()}.
     */
    public static ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> merged = new HashMap<>(DEFAULTS);
        merged.putAll(properties);
        // not Micronaut.start(): its JVM shutdown hook would race the host's own and deadlock on stop
        ApplicationContext context = ApplicationContext.builder(ApiApplication.class).properties(merged).start();
        try {
            context.getBean(EmbeddedServer.class).start();
            return context;
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }
}
