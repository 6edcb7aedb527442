package io.vitalink.api.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.config.Setting;
import io.vitalink.topic.TopicProvisioner;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code retention.ms} of the job data topics at the job retention in force: the run-time setting
 * {@code jobs.retention} when configured, else this deployment's. Applied at start and after each change, by every
 * instance (the same value set twice changes nothing) unless {@code vitalink.topics.apply-retention=false}; a
 * failure (no ACL to alter topic configs, say) is logged and tried again at the next change or start.
 */
@Context
@Requires(property = "vitalink.topics.apply-retention", notEquals = "false")
public class JobTopicRetention {

    private static final Logger log = LoggerFactory.getLogger(JobTopicRetention.class);

    private final ConfigStore store;
    private final KafkaClientSettings settings;
    private final Duration deployed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vitalink-job-retention");
        t.setDaemon(true);
        return t;
    });
    private Duration applied;

    public JobTopicRetention(ConfigStore store, KafkaClientSettings settings, @Value("${vitalink.jobs.retention:30d}") Duration deployed) {
        this.store = store;
        this.settings = settings;
        this.deployed = deployed;
    }

    @PostConstruct
    void start() {
        store.onChange(() -> worker.execute(this::apply));
        worker.execute(this::apply);
    }

    private void apply() {
        Duration wanted = store.configured(Setting.JOB_RETENTION).map(Setting::durationOf).orElse(deployed);
        if (wanted.equals(applied)) {
            return;
        }
        try (Admin admin = Admin.create(settings.admin("vitalink-api-retention"))) {
            List<String> topics = TopicProvisioner.applyJobRetention(admin, wanted);
            applied = wanted;
            log.info("Job data topics kept for {}: {}", wanted, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not set the job retention {} on the job data topics ({}); tried again at the next change or start",
                    wanted, e.getClass().getName());
        }
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
