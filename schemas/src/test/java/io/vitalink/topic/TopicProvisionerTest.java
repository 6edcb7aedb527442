package io.vitalink.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    @Test
    void createsJobDataTopicsWithTheJobRetention() {
        TopicProvisioner provisioner = new TopicProvisioner(3, (short) 1, Duration.ofDays(7));

        assertThat(Topics.JOB_DATA).extracting(Topic::name)
                .containsExactlyInAnyOrder("match-requests", "match-requests-dlq", "job-control", "match-results");
        for (Topic<?, ?> topic : Topics.JOB_DATA) {
            assertThat(provisioner.creationConfig(topic))
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()));
        }
    }

    @Test
    void defaultsTheJobRetentionToThirtyDays() {
        assertThat(new TopicProvisioner(3, (short) 1).creationConfig(Topics.MATCH_RESULTS))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(30).toMillis()));
    }

    @Test
    void leavesAuditAndCompactedTopicsWithTheirOwnConfiguration() {
        TopicProvisioner provisioner = new TopicProvisioner(3, (short) 1, Duration.ofDays(7));

        assertThat(provisioner.creationConfig(Topics.AUDIT)).as("the permanent trail")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1").containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        assertThat(provisioner.creationConfig(Topics.JOB_PROGRESS)).isEqualTo(Topics.JOB_PROGRESS.config());
        assertThat(provisioner.creationConfig(Topics.DEATH_RECORDS)).isEqualTo(Topics.DEATH_RECORDS.config());
        assertThat(provisioner.creationConfig(Topics.USERS)).isEqualTo(Topics.USERS.config());
    }

    @Test
    void refusesANonPositiveRetention() {
        assertThatThrownBy(() -> new TopicProvisioner(3, (short) 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
