package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which jobs an instance delivers, from the partitions the group gives it and what its store has read. */
class WebhookOwnershipTest {

    private static final TopicPartition DELIVERIES_0 = new TopicPartition("webhook-deliveries", 0);
    private static final TopicPartition PROGRESS_0 = new TopicPartition("job-progress", 0);

    private final WebhookOwnership ownership = new WebhookOwnership();
    private final Map<TopicPartition, Long> read = new HashMap<>();

    @Test
    void aJobsPartitionIsTheOneKafkasDefaultPartitionerChoosesForItsKey() {
        IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID().toString()).forEach(jobId -> {
            for (int partitions : new int[] {1, 3, 6, 7}) {
                assertThat(WebhookPartitions.of(jobId, partitions)).as(jobId)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(jobId.getBytes(StandardCharsets.UTF_8), partitions));
            }
        });
    }

    @Test
    void nothingIsOwnedBeforeTheFirstAssignment() {
        assertThat(ownership.owns("any-job")).isFalse();
        assertThat(ownership.partitionOf("any-job")).isEqualTo(-1);
    }

    @Test
    void anAssignedPartitionIsOwnedOnlyOnceTheStoreHasReadUpToWhereTheTopicsEndedAtTheAssignment() {
        String job = jobIn(0, 3);
        ownership.assigned(3, Set.of(0), Map.of(DELIVERIES_0, 5L, PROGRESS_0, 2L));

        assertThat(ownership.promote(this::readUpTo)).isEmpty();
        assertThat(ownership.owns(job)).isFalse();

        read.put(DELIVERIES_0, 5L);
        assertThat(ownership.promote(this::readUpTo)).isEmpty();
        assertThat(ownership.isWaiting()).isTrue();

        read.put(PROGRESS_0, 3L);
        assertThat(ownership.promote(this::readUpTo)).containsExactly(0);
        assertThat(ownership.owns(job)).isTrue();
        assertThat(ownership.isWaiting()).isFalse();
        assertThat(ownership.promote(this::readUpTo)).isEmpty();
    }

    @Test
    void jobsOfPartitionsGivenToAnotherInstanceAreNeverOwned() {
        ownership.assigned(3, Set.of(0, 2), Map.of());
        ownership.promote(this::readUpTo);

        assertThat(ownership.owns(jobIn(0, 3))).isTrue();
        assertThat(ownership.owns(jobIn(1, 3))).isFalse();
        assertThat(ownership.owns(jobIn(2, 3))).isTrue();
        assertThat(ownership.owned()).containsExactlyInAnyOrder(0, 2);
    }

    @Test
    void aRevokedPartitionIsNoLongerOwnedAndOneRevokedBeforeItWasReadyNeverBecomesSo() {
        ownership.assigned(3, Set.of(0), Map.of());
        ownership.promote(this::readUpTo);
        ownership.assigned(3, Set.of(1), Map.of(DELIVERIES_0, 9L));

        ownership.revoked(Set.of(0, 1));
        read.put(DELIVERIES_0, 9L);

        assertThat(ownership.promote(this::readUpTo)).isEmpty();
        assertThat(ownership.owns(jobIn(0, 3))).isFalse();
        assertThat(ownership.owns(jobIn(1, 3))).isFalse();
    }

    @Test
    void aPartitionGivenBackWaitsAgainForTheStoreToCatchUp() {
        ownership.assigned(3, Set.of(0), Map.of());
        ownership.promote(this::readUpTo);

        ownership.assigned(3, Set.of(0), Map.of(DELIVERIES_0, 4L));

        assertThat(ownership.owns(jobIn(0, 3))).isFalse();
        read.put(DELIVERIES_0, 4L);
        ownership.promote(this::readUpTo);
        assertThat(ownership.owns(jobIn(0, 3))).isTrue();
    }

    private long readUpTo(TopicPartition tp) {
        return read.getOrDefault(tp, 0L);
    }

    /** A job id whose records fall in {@code partition}. */
    static String jobIn(int partition, int partitions) {
        while (true) {
            String jobId = UUID.randomUUID().toString();
            if (WebhookPartitions.of(jobId, partitions) == partition) {
                return jobId;
            }
        }
    }
}
