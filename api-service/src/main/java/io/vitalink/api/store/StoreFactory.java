package io.vitalink.api.store;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.kafka.KafkaClientProperties;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The job store, and the consumer that fills it (off with {@code vitalink.consumer.enabled=false}). */
@Factory
public class StoreFactory {

    private static final Logger log = LoggerFactory.getLogger(StoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public JobStore jobStore(@Value("${vitalink.store.dir:}") String dir) throws IOException {
        JobStore store = dir == null || dir.isBlank() ? JobStore.openTemporary() : JobStore.open(Path.of(dir));
        log.info("Job store at {}", store.directory());
        return store;
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "vitalink.consumer.enabled", notEquals = "false")
    public ReadModelConsumer readModelConsumer(
            @Value("${kafka.bootstrap.servers:`localhost:9092`}") String bootstrapServers, JobStore store,
            KafkaClientProperties security, java.util.List<CompletionHook> hooks,
            java.util.List<WebhookFold> folds, java.util.List<ProgressListener> listeners,
            ApiMetrics metrics) {
        // the hooks and the fold (webhooks) and the progress listeners (job log, job metrics) exist before the
        // first batch is applied, so no completion and no change passes unseen
        log.debug("{} completion hooks, {} webhook folds, {} progress listeners", hooks.size(), folds.size(),
                listeners.size());
        return new ReadModelConsumer(bootstrapServers, security, store, metrics).start();
    }
}
