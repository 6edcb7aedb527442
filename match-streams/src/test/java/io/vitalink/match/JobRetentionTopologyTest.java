package io.vitalink.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.job.ExpireJobs;
import io.vitalink.job.JobRetention;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRetentionTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final TopicSerdes SERDES = new TopicSerdes(FieldCipher.ephemeral());
    private static final JobRetention RETENTION = new JobRetention(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(24));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, JobControl> control;
    private TestOutputTopic<String, JobProgress> progress;
    private KeyValueStore<String, ValueAndTimestamp<JobProgress>> store;

    @BeforeEach
    void startDriver() {
        Properties config = StreamsSettings.kafkaOnly(StreamsSettings.defaults());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MatchTopology.build(Clock.fixed(NOW, ZoneOffset.UTC),
                MatchTopology.Options.of(StreamsSettings.probableMatcher(StreamsSettings.defaults()), 1).withRetention(RETENTION),
                config, SERDES), config, NOW);
        control = driver.createInputTopic(Topics.JOB_CONTROL.name(), SERDES.key(Topics.JOB_CONTROL).serializer(),
                SERDES.value(Topics.JOB_CONTROL).serializer());
        progress = driver.createOutputTopic(Topics.JOB_PROGRESS.name(), SERDES.key(Topics.JOB_PROGRESS).deserializer(),
                SERDES.value(Topics.JOB_PROGRESS).deserializer());
        store = driver.getTimestampedKeyValueStore(MatchTopology.JOB_PROGRESS_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void purgesACompletedJobOnceItIsOlderThanTheRetention() {
        completeEmptyJob("done-job", NOW);
        assertThat(store.get("done-job").value().getState()).isEqualTo(JobState.COMPLETED);
        progress.readKeyValuesToList();

        driver.advanceWallClockTime(Duration.ofDays(30).plusHours(1));

        assertThat(progress.readKeyValuesToList()).containsExactly(KeyValue.pair("done-job", null));
        assertThat(store.get("done-job")).isNull();
    }

    @Test
    void keepsAJobYoungerThanTheRetentionAndPurgesANeverCompletedOneByItsLastUpdate() {
        completeEmptyJob("young-job", NOW.minus(Duration.ofDays(29)));
        control.pipeInput("stale-job", event("stale-job", JobEvent.OPENED, null, NOW.minus(Duration.ofDays(31))));
        assertThat(store.get("stale-job").value().getState()).isEqualTo(JobState.RECEIVING);
        progress.readKeyValuesToList();

        driver.advanceWallClockTime(Duration.ofHours(1));

        assertThat(progress.readKeyValuesToList()).containsExactly(KeyValue.pair("stale-job", null));
        assertThat(store.get("stale-job")).isNull();
        assertThat(store.get("young-job").value().getJobId()).isEqualTo("young-job");
    }

    @Test
    void aPurgedJobThatReceivesLateEventsStartsAgainFromEmptyCounters() {
        completeEmptyJob("done-job", NOW.minus(Duration.ofDays(40)));
        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(store.get("done-job")).isNull();

        control.pipeInput("done-job", event("done-job", JobEvent.CLOSED, 0L, NOW));

        assertThat(store.get("done-job").value().getCreatedAt()).isNull();
        assertThat(store.get("done-job").value().getUpdatedAt()).isEqualTo(NOW);
    }

    @Test
    void failsAJobThatStoppedChangingBeforeItWasCompleteOnceAndOnlyOnce() {
        control.pipeInput("stuck-job", event("stuck-job", JobEvent.OPENED, null, NOW.minus(Duration.ofHours(25))));
        control.pipeInput("stuck-job", event("stuck-job", JobEvent.CLOSED, 5L, NOW.minus(Duration.ofHours(25))));
        control.pipeInput("busy-job", event("busy-job", JobEvent.OPENED, null, NOW.minus(Duration.ofHours(2))));
        progress.readKeyValuesToList();

        driver.advanceWallClockTime(Duration.ofHours(1));
        driver.advanceWallClockTime(Duration.ofHours(1));

        java.util.List<KeyValue<String, JobProgress>> changes = progress.readKeyValuesToList();
        assertThat(changes).hasSize(1);
        JobProgress failed = changes.get(0).value;
        assertThat(changes.get(0).key).isEqualTo("stuck-job");
        assertThat(failed.getState()).isEqualTo(JobState.FAILED);
        assertThat(failed.getReasonCode()).isEqualTo(ExpireJobs.STALLED);
        assertThat(failed.getExpected()).isEqualTo(5L);
        assertThat(store.get("stuck-job").value().getState()).isEqualTo(JobState.FAILED);
        assertThat(store.get("busy-job").value().getState()).isEqualTo(JobState.RECEIVING);
    }

    /** Opened and closed with nothing expected: completed at once, at {@code at}. */
    private void completeEmptyJob(String jobId, Instant at) {
        control.pipeInput(jobId, event(jobId, JobEvent.OPENED, null, at));
        control.pipeInput(jobId, event(jobId, JobEvent.CLOSED, 0L, at));
    }

    private static JobControl event(String jobId, JobEvent event, Long expected, Instant at) {
        JobControl.Builder control = JobControl.newBuilder().setJobId(jobId).setEvent(event).setExpected(expected).setAt(at).setSource("test");
        return (event == JobEvent.OPENED ? TopologyRecords.checkedByApi(control) : control).build();
    }
}
