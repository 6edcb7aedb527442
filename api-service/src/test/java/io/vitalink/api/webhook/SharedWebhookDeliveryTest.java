package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.serde.ObjectMapper;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.WebhookChange;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two API instances sharing webhook-deliveries, without a broker: the topic is a list every instance's store reads
 * (as its read model would), and the test plays the consumer group, giving and taking partitions. A real receiver on
 * the loopback counts what it is sent.
 */
class SharedWebhookDeliveryTest {

    private static final int PARTITIONS = 3;
    private static final String CENTRE = "centre-a";
    private static final String SECRET = "centre-a-webhook-secret-0123456789abcdef";

    @TempDir
    Path dir;

    private final SharedTopic topic = new SharedTopic();
    private final List<Instance> instances = new ArrayList<>();
    private final TopicSerdes serdes = new TopicSerdes(FieldCipher.ephemeral());
    private final WebhookSettings settings = new WebhookSettings(Duration.ofMillis(20), Duration.ofMillis(80),
            Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(10), List.of(), List.of("127.0.0.0/8"),
            Map.of(CENTRE, SECRET));

    private HttpServer receiver;
    /** The Vitalink-Attempt header of every request received, in order. */
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failFirst = new AtomicInteger();
    private volatile CountDownLatch gate;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst(WebhookDispatcher.ATTEMPT_HEADER));
            CountDownLatch wait = gate;
            if (wait != null) {
                try {
                    wait.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(failFirst.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        for (Instance instance : instances) {
            instance.close();
        }
        receiver.stop(0);
    }

    @Test
    void aJobBothInstancesSeeFinishIsCreatedOnceAndDeliveredOnceByItsOwnerAndBothShowTheSameAttempts() {
        // Given two instances, the job's partition given to A
        Instance a = start("a");
        Instance b = start("b");
        String jobId = WebhookOwnershipTest.jobIn(1, PARTITIONS);
        a.group.give(0, 1);
        b.group.give(2);
        failFirst.set(2);

        // When both read models see the job complete
        complete(jobId);

        // Then A alone calls back: two failures, then accepted, and B shows what A recorded
        await(() -> status(a, jobId).equals("DELIVERED") && status(b, jobId).equals("DELIVERED"));
        assertThat(received).containsExactly("1", "2", "3");
        assertThat(view(b, jobId)).isEqualTo(view(a, jobId));
        assertThat(view(b, jobId).attempts()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(500, 500, 204);
        assertThat(topic.changes(jobId)).containsExactly(WebhookChange.CREATED, WebhookChange.ATTEMPTED,
                WebhookChange.ATTEMPTED, WebhookChange.ATTEMPTED);
        assertThat(a.dispatcher.owns(jobId)).isTrue();
        assertThat(b.dispatcher.owns(jobId)).isFalse();
    }

    @Test
    void aDeliveryConnectsOnlyToTheAddressItCheckedAndTellsTheSubmitterNothingAboutTheNetwork() throws Exception {
        // Given a host that the policy's lookup puts at an allowed address where nothing answers, while any other
        // lookup (the system's, as an HTTP client resolving the host again would make) puts it at the receiver
        WebhookSettings lab = new WebhookSettings(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofMinutes(5),
                Duration.ofMillis(300), Duration.ofSeconds(1), List.of(), List.of("192.0.2.0/24"), Map.of(CENTRE, SECRET));
        AtomicInteger checked = new AtomicInteger();
        java.net.InetAddress nobody = java.net.InetAddress.getByName("192.0.2.10");
        CallbackUrlPolicy policy = new CallbackUrlPolicy(lab, io.vitalink.api.config.RuntimeSettings.NONE, host -> {
            checked.incrementAndGet();
            return new java.net.InetAddress[] {nobody};
        });
        Instance a = start("a", lab, policy);
        String jobId = WebhookOwnershipTest.jobIn(1, PARTITIONS);
        a.group.give(0, 1, 2);

        // When its job finishes with a callback to that host (localhost, the receiver's port)
        complete(jobId, "http://localhost:" + receiver.getAddress().getPort() + "/hook");
        await(() -> a.deliveries.delivery(jobId).map(d -> d.attempts().size()).orElse(0) >= 2);

        // Then every attempt went to the checked address and failed, the receiver got nothing, and the errors the
        // submitter reads say neither the address nor what answered
        assertThat(received).isEmpty();
        assertThat(checked.get()).isGreaterThanOrEqualTo(2);
        assertThat(view(a, jobId).attempts()).allSatisfy(attempt -> {
            assertThat(attempt.statusCode()).isNull();
            assertThat(attempt.error()).isIn(CallbackSender.UNREACHABLE, CallbackSender.TIMED_OUT);
        });
    }

    @Test
    void theNextOwnerResumesAPendingDeliveryWhereThePreviousOwnerStopped() {
        // Given a receiver that is down, and A retrying the job's delivery
        Instance a = start("a");
        Instance b = start("b");
        String jobId = WebhookOwnershipTest.jobIn(1, PARTITIONS);
        failFirst.set(Integer.MAX_VALUE);
        a.group.give(0, 1, 2);
        complete(jobId);
        await(() -> a.deliveries.delivery(jobId).map(d -> d.attempts().size()).orElse(0) >= 2);

        // When the partition moves from A to B (A first stops), and the receiver recovers
        a.group.take(1);
        int made = received.size();
        sleep(300);
        assertThat(received).as("A stopped once revoked").hasSize(made);
        failFirst.set(0);
        b.group.give(1);

        // Then B goes on from the shared record: the next attempt number, one more request in total
        await(() -> status(b, jobId).equals("DELIVERED") && status(a, jobId).equals("DELIVERED"));
        assertThat(received).hasSize(made + 1).last().isEqualTo(Integer.toString(made + 1));
        List<WebhookDelivery.Attempt> attempts = view(b, jobId).attempts();
        assertThat(attempts).extracting(WebhookDelivery.Attempt::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, made + 1).boxed().toList());
        assertThat(attempts.get(made).statusCode()).isEqualTo(204);
        assertThat(view(a, jobId)).isEqualTo(view(b, jobId));
    }

    @Test
    void aJobThatFinishedWhileNoInstanceOwnedItsPartitionIsCreatedByItsNextOwner() {
        Instance a = start("a");
        Instance b = start("b");
        String jobId = WebhookOwnershipTest.jobIn(1, PARTITIONS);
        a.group.give(0);
        b.group.give(2);

        complete(jobId);
        sleep(300);
        assertThat(topic.changes(jobId)).isEmpty();
        assertThat(status(a, jobId)).isEqualTo("WAITING");

        b.group.give(1);

        await(() -> status(a, jobId).equals("DELIVERED"));
        assertThat(received).containsExactly("1");
        assertThat(topic.changes(jobId)).startsWith(WebhookChange.CREATED).containsOnlyOnce(WebhookChange.CREATED);
    }

    @Test
    void aRedeliveryAskedOfAnInstanceThatDoesNotOwnTheJobIsMadeByTheOwner() {
        Instance a = start("a");
        Instance b = start("b");
        String jobId = WebhookOwnershipTest.jobIn(0, PARTITIONS);
        a.group.give(0, 1, 2);
        complete(jobId);
        await(() -> status(b, jobId).equals("DELIVERED"));

        // When B, which owns nothing, is asked to redeliver
        CallbackView asked = CallbackView.of(b.deliveries.requestRedelivery(progress(jobId, url())));

        // Then B answers that it is pending, and A sends the same delivery again as attempt 2
        assertThat(asked.status()).isEqualTo("PENDING");
        await(() -> received.size() == 2 && status(a, jobId).equals("DELIVERED") && status(b, jobId).equals("DELIVERED"));
        assertThat(received).containsExactly("1", "2");
        assertThat(view(b, jobId).attempts()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(204, 204);
        assertThat(view(b, jobId)).isEqualTo(view(a, jobId));
        assertThat(topic.changes(jobId)).containsSubsequence(WebhookChange.REDELIVERY_REQUESTED,
                WebhookChange.REDELIVERY_STARTED, WebhookChange.ATTEMPTED);
    }

    @Test
    void aRevocationReturnsOnlyOnceTheAttemptInFlightIsRecordedSoTheNextOwnerDoesNotRepeatIt() throws Exception {
        // Given A in the middle of an attempt the receiver holds
        Instance a = start("a");
        Instance b = start("b");
        String jobId = WebhookOwnershipTest.jobIn(2, PARTITIONS);
        gate = new CountDownLatch(1);
        a.group.give(0, 1, 2);
        complete(jobId);
        await(() -> received.size() == 1);

        // When the group takes the partitions away
        CompletableFuture<Void> revoked = CompletableFuture.runAsync(() -> a.group.take(0, 1, 2));
        sleep(300);

        // Then the revocation waits for the attempt, which is recorded before it returns
        assertThat(revoked).isNotDone();
        gate.countDown();
        revoked.get(10, TimeUnit.SECONDS);
        assertThat(topic.changes(jobId)).containsExactly(WebhookChange.CREATED, WebhookChange.ATTEMPTED);

        b.group.give(0, 1, 2);
        await(() -> b.dispatcher.owns(jobId));
        sleep(300);
        assertThat(received).containsExactly("1");
        assertThat(status(b, jobId)).isEqualTo("DELIVERED");
    }

    @Test
    void aDeliveryAnOlderVersionKeptOnlyInItsOwnStoreIsPublishedByItsOwnerAndGoesOn() throws Exception {
        // Given a store where an older version kept a pending delivery after one failed attempt, as JSON
        String jobId = WebhookOwnershipTest.jobIn(0, PARTITIONS);
        JobStore old = JobStore.open(dir.resolve("a"));
        Instant failedAt = Instant.now().minusSeconds(1);
        WebhookDelivery kept = new WebhookDelivery(jobId, WebhookDeliveries.deliveryId(jobId), url(), CENTRE,
                WebhookDelivery.PENDING, "{\"jobId\":\"" + jobId + "\"}", failedAt.toEpochMilli(), 1, failedAt.toEpochMilli(),
                List.of(new WebhookDelivery.Attempt(1, failedAt.toString(), 500, "HTTP 500", failedAt.toString())), null, null);
        old.apply(new IngestBatch().progress(jobId, Codecs.JOB_PROGRESS.encode(progress(jobId, url())))
                .webhook(jobId, 0, 0, ObjectMapper.getDefault().writeValueAsBytes(kept)));
        old.close();

        // When the new version starts on it and is given the job's partition
        Instance a = start("a");
        Instance b = start("b");
        a.group.give(0, 1, 2);

        // Then the delivery is published with its attempt and goes on as attempt 2, seen by both instances
        await(() -> status(b, jobId).equals("DELIVERED") && status(a, jobId).equals("DELIVERED"));
        assertThat(received).containsExactly("2");
        assertThat(view(b, jobId).attempts()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(500, 204);
        assertThat(topic.changes(jobId)).startsWith(WebhookChange.CREATED);
    }

    @Test
    void theResultOfAnAttemptKafkaDidNotTakeIsWrittenAgainNotTheAttemptMadeAgain() {
        Instance a = start("a");
        Instance b = start("b");
        String jobId = WebhookOwnershipTest.jobIn(1, PARTITIONS);
        topic.refuseAttempts.set(3);
        a.group.give(0, 1, 2);

        complete(jobId);

        await(() -> status(a, jobId).equals("DELIVERED") && status(b, jobId).equals("DELIVERED"));
        sleep(300);
        assertThat(received).containsExactly("1");
        assertThat(topic.refuseAttempts).hasValue(0);
        assertThat(view(b, jobId).attempts()).extracting(WebhookDelivery.Attempt::statusCode).containsExactly(204);
    }

    // --- the harness

    /** webhook-deliveries: appended records reach every instance's store in order, with the next offset, at once. */
    private final class SharedTopic {

        private record Appended(String jobId, int partition, long offset, byte[] value) {
        }

        private final List<Appended> records = new ArrayList<>();
        private final long[] next = new long[PARTITIONS];
        private final List<JobStore> readers = new CopyOnWriteArrayList<>();
        /** How many of the next results of attempts Kafka does not acknowledge. */
        private final AtomicInteger refuseAttempts = new AtomicInteger();

        synchronized WebhookLog.Position append(String jobId, byte[] value) {
            if (value != null && Codecs.WEBHOOK_DELIVERY.decode(value).getChange() == WebhookChange.ATTEMPTED
                    && refuseAttempts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "not acknowledged");
            }
            int partition = WebhookPartitions.of(jobId, PARTITIONS);
            long offset = next[partition]++;
            records.add(new Appended(jobId, partition, offset, value));
            for (JobStore reader : readers) {
                reader.apply(new IngestBatch().webhook(jobId, partition, offset, value)
                        .nextOffset("webhook-deliveries", partition, offset + 1));
            }
            return new WebhookLog.Position(partition, offset);
        }

        synchronized Map<TopicPartition, Long> ends(Set<Integer> partitions) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            partitions.forEach(p -> ends.put(new TopicPartition("webhook-deliveries", p), next[p]));
            return ends;
        }

        synchronized List<WebhookChange> changes(String jobId) {
            return records.stream().filter(r -> r.jobId().equals(jobId) && r.value() != null)
                    .map(r -> Codecs.WEBHOOK_DELIVERY.decode(r.value()).getChange()).toList();
        }
    }

    /** The consumer group, played by the test: it gives and takes this instance's partitions. */
    private final class ControlledGroup implements WebhookGroup {

        private final Set<Integer> held = new HashSet<>();
        private Listener listener;

        @Override
        public synchronized void join(Listener listener) {
            this.listener = listener;
        }

        synchronized void give(Integer... partitions) {
            Set<Integer> given = Set.of(partitions);
            held.addAll(given);
            listener.assigned(PARTITIONS, given, topic.ends(given));
        }

        void take(Integer... partitions) {
            Set<Integer> taken = Set.of(partitions);
            Listener l;
            synchronized (this) {
                held.removeAll(taken);
                l = listener;
            }
            l.revoked(taken);
        }

        @Override
        public void close() {
            Set<Integer> all;
            synchronized (this) {
                all = Set.copyOf(held);
                held.clear();
            }
            if (listener != null && !all.isEmpty()) {
                listener.revoked(all);
            }
        }
    }

    private record Instance(JobStore store, WebhookDeliveries deliveries, WebhookDispatcher dispatcher,
                            ControlledGroup group) {
        void close() {
            dispatcher.close();
            store.close();
        }
    }

    private Instance start(String name) {
        return start(name, settings, new CallbackUrlPolicy(settings));
    }

    private Instance start(String name, WebhookSettings settings, CallbackUrlPolicy policy) {
        try {
            JobStore store = JobStore.open(dir.resolve(name));
            topic.readers.add(store);
            WebhookDeliveries deliveries = new WebhookDeliveries(store, topic::append, serdes, ObjectMapper.getDefault());
            ControlledGroup group = new ControlledGroup();
            WebhookDispatcher dispatcher = new WebhookDispatcher(store, deliveries, settings, policy, group, new io.vitalink.api.metrics.ApiMetrics(
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), java.time.Clock.systemUTC(), Duration.ofMillis(100));
            Instance instance = new Instance(store, deliveries, dispatcher, group);
            instances.add(instance);
            return instance;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What match-streams writes when the job's last record is decided, read by every instance's read model. */
    private void complete(String jobId) {
        complete(jobId, url());
    }

    private void complete(String jobId, String callbackUrl) {
        byte[] done = Codecs.JOB_PROGRESS.encode(progress(jobId, callbackUrl));
        for (Instance instance : instances) {
            instance.store.apply(new IngestBatch().progress(jobId, done));
        }
    }

    private JobProgress progress(String jobId, String callbackUrl) {
        Instant now = Instant.now();
        return JobProgress.newBuilder().setJobId(jobId).setState(JobState.COMPLETED).setExpected(1L).setProcessed(1)
                .setNotFound(1).setCreatedAt(now.minusSeconds(2)).setCompletedAt(now).setUpdatedAt(now)
                .setOrganisation(CENTRE).setSubmittedBy("centre-a").setCallbackUrl(callbackUrl).build();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static CallbackView view(Instance instance, String jobId) {
        return instance.deliveries.delivery(jobId).map(CallbackView::of).orElseThrow();
    }

    private static String status(Instance instance, String jobId) {
        return instance.deliveries.delivery(jobId).map(d -> CallbackView.of(d).status()).orElse("WAITING");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
