package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedKafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaIT.class);
    private static final String TOPIC = "it-topic";

    @Test
    void transactionalRoundTripAndRestartOnSameStorage(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        String firstBootstrap;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            LOG.info("first start (format + startup + ready): {} ms", ms(t0));
            firstBootstrap = kafka.bootstrapServers();
            assertThat(firstBootstrap).matches("localhost:\\d+").doesNotEndWith(":0");

            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produceTransactionally(kafka, "tx-1", "k1", "v1");
            assertThat(consumeCommitted(kafka, 1)).containsExactly("k1=v1");

            kafka.close();
            kafka.close(); // idempotent
        }

        long t1 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            LOG.info("restart on formatted storage (startup + ready): {} ms", ms(t1));
            try (Admin admin = admin(kafka)) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(names).contains(TOPIC);
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(TOPIC).partitions()).hasSize(3);
            }
            // the record written before the restart survived, and transactions still work
            produceTransactionally(kafka, "tx-1", "k2", "v2");
            assertThat(consumeCommitted(kafka, 2)).containsExactlyInAnyOrder("k1=v1", "k2=v2");
        }
    }

    @Test
    void startsOnAGivenPort(@TempDir Path dir) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }

    @Test
    void failsClearlyWhenThePortIsTaken(@TempDir Path dir) throws Exception {
        try (var taken = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("localhost"))) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not start on localhost:" + taken.getLocalPort());
        }
        // the failed attempt left nothing running that blocks a fresh start on the same storage
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            try (Admin admin = admin(kafka)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
        }
    }

    @Test
    void scramBrokerRunsTransactionsAndKeepsItsUsersAcrossARestart(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startWithScram(dir, 0, Map.of("alice", "alice-secret"))) {
            assertThat(Files.readString(kafka.clientConfigFile())).contains("security.protocol=SASL_PLAINTEXT");
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            // commit markers travel over the broker's own SCRAM login to its listener
            produceTransactionally(kafka, "tx-1", "k1", "v1");
            assertThat(consumeCommitted(kafka, 1)).containsExactly("k1=v1");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.startWithScram(dir, 0, Map.of("alice", "alice-secret"));
             Admin alice = Admin.create(Map.of(
                     AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     "security.protocol", "SASL_PLAINTEXT",
                     "sasl.mechanism", "SCRAM-SHA-512",
                     "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                             + "username=\"alice\" password=\"alice-secret\";"))) {
            assertThat(alice.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            produceTransactionally(kafka, "tx-1", "k2", "v2");
            assertThat(consumeCommitted(kafka, 2)).containsExactlyInAnyOrder("k1=v1", "k2=v2");
        }
    }

    @Test
    void refusesScramOnStorageFormattedWithoutIt(@TempDir Path dir) {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThat(kafka.clientProperties().keys()).containsExactly("security.protocol");
        }

        assertThatThrownBy(() -> EmbeddedKafka.startWithScram(dir, 0, Map.of("alice", "alice-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("formatted without SCRAM users");
    }

    /** Every helper client takes the broker's own settings: PLAINTEXT, or SCRAM as the broker's user. */
    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(kafka.clientProperties().mergedInto(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())));
    }

    private static void produceTransactionally(EmbeddedKafka kafka, String txId, String key, String value) {
        Map<String, Object> config = kafka.clientProperties().mergedInto(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, key, value));
            producer.commitTransaction();
        }
    }

    private static List<String> consumeCommitted(EmbeddedKafka kafka, int expected) {
        Map<String, Object> config = kafka.clientProperties().mergedInto(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-group-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
