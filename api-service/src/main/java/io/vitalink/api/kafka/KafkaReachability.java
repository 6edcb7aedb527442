package io.vitalink.api.kafka;

import io.micronaut.context.annotation.Value;
import io.vitalink.kafka.KafkaClientProperties;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Whether the cluster answers now: asked within {@code vitalink.kafka.check-timeout} and remembered for
 * {@link #REMEMBER}, so that a burst of uploads or health checks asks once. While it does not answer, uploads are
 * refused before their body is read (instead of waiting out the producer's timeouts) and readiness is DOWN; the
 * first answer after an outage brings both back, without a restart.
 */
@Singleton
public class KafkaReachability {

    static final Duration REMEMBER = Duration.ofSeconds(2);

    private final Map<String, Object> config;
    private final Duration timeout;
    private Admin admin;
    private boolean reachable;
    private long checkedAt;
    private String lastError;

    @Inject
    public KafkaReachability(@Value("${kafka.bootstrap.servers:`localhost:9092`}") String bootstrapServers,
                             KafkaClientProperties security,
                             @Value("${vitalink.kafka.check-timeout:3s}") Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        this.config = security.mergedInto(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "vitalink-api-check",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis));
        this.timeout = timeout;
    }

    /** True when the cluster named at least one broker within the timeout, now or less than {@link #REMEMBER} ago. */
    public synchronized boolean reachable() {
        long now = System.nanoTime();
        if (checkedAt != 0 && now - checkedAt < REMEMBER.toNanos()) {
            return reachable;
        }
        try {
            reachable = !admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
            lastError = reachable ? null : "the cluster named no broker";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
            lastError = "interrupted";
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            reachable = false;
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            lastError = cause.getClass().getSimpleName();
        }
        checkedAt = System.nanoTime();
        return reachable;
    }

    /** Why the last check failed (an exception's class name, never a value), or null. */
    public synchronized String lastError() {
        return lastError;
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
