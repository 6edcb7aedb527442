package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalink.streams.MatchStreamsApp;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling out the Kafka way: a second match-streams instance of the same application joins the first on a
 * broker with 6 partitions per topic. Each instance takes part of the partitions (as the broker's consumer
 * group says, the way an operator would look), and a job matched by the two together comes back identical,
 * record by record, to the same job matched by one instance alone.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScaleOutIT {

    private static final long SEED = 61;
    private static final int PARTITIONS = 6;
    private static final int PATIENTS = 1_000;
    private static final String APPLICATION_ID =
            StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static ApiClient api;
    private static Path requestsCsv;
    private static List<SampleRequest> patients;

    @BeforeAll
    static void startStackAndLoadRegistry() throws Exception {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, PARTITIONS));
        stack.approveSampleApplication(); // jobs of the sample centre run under it
        api = stack.client(LocalStack.SUBMITTER);
        List<SampleDeath> deaths = SampleData.deaths(SEED, 5_000);
        patients = SampleData.requests(SEED, deaths, PATIENTS, 400, 100);
        Path deathsCsv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, deathsCsv);
        requestsCsv = dataDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(patients, requestsCsv);
        assertThat(stack.loadDeaths(deathsCsv, "scale-out").loaded()).isEqualTo(5_000);
        stack.awaitRegistryIndexed(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoInstancesShareThePartitionsAndDecideExactlyAsOneInstanceDoes() throws Exception {
        Map<String, JsonNode> byOne = matchJob();
        assertThat(membersAndTheirRequestPartitions()).hasSize(1);

        try (MatchStreamsApp second = stack.startAnotherMatcher("second")) {
            Map<String, Set<Integer>> members = awaitTwoMembersSharingTheRequests();
            second.awaitRunning(Duration.ofMinutes(2));

            Map<String, JsonNode> byTwo = matchJob();

            assertThat(members.values()).allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
            Set<Integer> union = new HashSet<>();
            members.values().forEach(union::addAll);
            assertThat(union).hasSize(PARTITIONS);
            assertThat(members.values().stream().mapToInt(Set::size).sum()).as("no partition twice").isEqualTo(PARTITIONS);
            assertThat(byTwo.keySet()).isEqualTo(byOne.keySet());
            byOne.forEach((recordId, result) -> assertThat(byTwo.get(recordId)).as(recordId).isEqualTo(result));
        }
        assertThat(byOne).hasSize(PATIENTS);
        for (SampleRequest patient : patients) {
            assertThat(byOne.get(patient.recordId()).path("outcome").asText()).as(patient.recordId())
                    .isEqualTo(patient.expectedOutcome());
        }
    }

    /** Submits the sample job through the API and returns its results by recordId, without job id and times. */
    private static Map<String, JsonNode> matchJob() throws Exception {
        String jobId = api.submitCsv(requestsCsv);
        JsonNode job = api.awaitCompleted(jobId, Duration.ofMinutes(3));
        assertThat(job.path("processed").asLong()).isEqualTo(PATIENTS);
        HttpResponse<String> ndjson = api.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");
        assertThat(ndjson.statusCode()).isEqualTo(200);
        Map<String, JsonNode> results = new TreeMap<>();
        ndjson.body().lines().map(ApiClient::parse).forEach(line -> {
            ObjectNode decision = ((ObjectNode) line).deepCopy();
            decision.remove(List.of("jobId", "decidedAt"));
            assertThat(results.put(line.path("recordId").asText(), decision)).as("one result per record").isNull();
        });
        return results;
    }

    private static Map<String, Set<Integer>> awaitTwoMembersSharingTheRequests() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, Set<Integer>> members = membersAndTheirRequestPartitions();
        while (members.size() != 2 || members.values().stream().anyMatch(Set::isEmpty)) {
            assertThat(System.nanoTime()).as("two members sharing match-requests, last seen " + members).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(500);
            members = membersAndTheirRequestPartitions();
        }
        return members;
    }

    /** What {@code kafka-consumer-groups.sh --describe --group vitalink-match} shows, for match-requests. */
    private static Map<String, Set<Integer>> membersAndTheirRequestPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).all()
                    .get(30, TimeUnit.SECONDS).get(APPLICATION_ID);
            Map<String, Set<Integer>> byInstance = new HashMap<>();
            for (MemberDescription member : group.members()) {
                // one consumer per stream thread; its client id names the instance (process id) and the thread
                String instance = member.clientId().replaceAll("-StreamThread-\\d+-consumer$", "");
                Set<Integer> partitions = byInstance.computeIfAbsent(instance, i -> new HashSet<>());
                for (TopicPartition partition : new ArrayList<>(member.assignment().topicPartitions())) {
                    if (partition.topic().equals(Topics.MATCH_REQUESTS.name())) {
                        partitions.add(partition.partition());
                    }
                }
            }
            return byInstance;
        }
    }
}
