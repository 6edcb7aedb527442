package io.vitalink.match;

import static io.vitalink.match.TopologyRecords.NOW;
import static io.vitalink.match.TopologyRecords.SERDES;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.SystemConfig;
import io.vitalink.config.SystemConfigKeys;
import io.vitalink.serde.Codecs;
import io.vitalink.settings.LiveSettings;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The threshold and margin an administrator configures apply to the next decisions, without a restart. */
class LiveSettingsTopologyTest {

    private static final String JOB = "job-1";
    private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestInputTopic<String, SystemConfig> config;
    private TestOutputTopic<String, MatchResult> results;

    @BeforeEach
    void start() {
        driver = TopologyRecords.driver(stateDir, MatchTopology.Options.of(StreamsSettings.probableMatcher(StreamsSettings.defaults()), 1));
        requests = driver.createInputTopic(Topics.MATCH_REQUESTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        config = driver.createInputTopic(Topics.SYSTEM_CONFIG.name(), Serdes.String().serializer(),
                Codecs.serde(SystemConfig.class).serializer());
        results = driver.createOutputTopic(Topics.MATCH_RESULTS.name(), SERDES.key(Topics.MATCH_RESULTS).deserializer(),
                SERDES.value(Topics.MATCH_RESULTS).deserializer());
        DeathRecord death = TopologyRecords.death();
        driver.createInputTopic(Topics.DEATH_RECORDS.name(), SERDES.key(Topics.DEATH_RECORDS).serializer(),
                SERDES.value(Topics.DEATH_RECORDS).serializer()).pipeInput(death.getIdNumber(), death);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aLoweredThresholdDecidesTheNextRequestsWithoutARestartAndResettingItRestoresTheDeployments() throws InterruptedException {
        // 王伟民 against the registry's 王伟: similarity 0.91, below the deployment's threshold of 0.92
        MatchResult before = search("r1", "王伟民");

        configure(1, Map.of("matching.probableThreshold", "0.9"));
        MatchResult lowered = search("r2", "王伟民");
        configure(2, Map.of());
        MatchResult reset = search("r3", "王伟民");

        assertThat(before.getOutcome()).isEqualTo(Outcome.INVALID); // no ID, and no link by name
        assertThat(lowered.getOutcome()).isEqualTo(Outcome.PROBABLE);
        assertThat(lowered.getScore()).isBetween(0.9, 0.92);
        assertThat(reset.getOutcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void aMarginNotBelowTheThresholdInForceKeepsTheMatcherInUse() throws InterruptedException {
        configure(1, Map.of("matching.probableThreshold", "0.9"));
        assertThat(search("r1", "王伟民").getOutcome()).isEqualTo(Outcome.PROBABLE);

        configure(2, Map.of("matching.probableThreshold", "0.5", "matching.probableMargin", "0.5"));

        assertThat(search("r2", "王伟民").getOutcome()).as("still threshold 0.9").isEqualTo(Outcome.PROBABLE);
    }

    /** A version as the API writes it; applied once the processors read the settings again. */
    private void configure(long version, Map<String, String> settings) throws InterruptedException {
        config.pipeInput(SystemConfigKeys.CURRENT, SystemConfig.newBuilder().setVersion(version).setChangedBy("admin")
                .setChangedAt(NOW).setSettings(new java.util.HashMap<>(settings)).build());
        Thread.sleep(LiveSettings.READ_EVERY.toMillis() + 100);
    }

    /** A request without an ID: its block's search decides. */
    private MatchResult search(String recordId, String name) {
        MatchRequest request = MatchRequest.newBuilder().setJobId(JOB).setRecordId(recordId)
                .setName(name).setSex("M").setBirthDate(BIRTH).build();
        requests.pipeInput(new TestRecord<>(recordId, SERDES.codec(MatchRequest.class).encode(request), TopologyRecords.jobHeader(JOB)));
        return results.readValue();
    }
}
