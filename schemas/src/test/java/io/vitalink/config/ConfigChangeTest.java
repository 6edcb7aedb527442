package io.vitalink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {

    private static Map<String, String> asked(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void storesEachValueInItsCanonicalTextAndSaysWhatChangedFromWhat() {
        ConfigChange change = ConfigChange.of(Map.of("matching.probableThreshold", "0.9"),
                asked("matching.probableThreshold", " 0.930 ", "quotas.concurrentJobs", "08", "jobs.retention", "45d",
                        "security.allowedIps", "10.0.0.0/8, 127.0.0.1,10.0.0.0/8"));

        assertThat(change.settings()).containsEntry("matching.probableThreshold", "0.93")
                .containsEntry("quotas.concurrentJobs", "8")
                .containsEntry("jobs.retention", "PT1080H")
                .containsEntry("security.allowedIps", "10.0.0.0/8,127.0.0.1");
        assertThat(change.changes()).containsExactly(
                new ConfigChange.Change("jobs.retention", null, "PT1080H"),
                new ConfigChange.Change("matching.probableThreshold", "0.9", "0.93"),
                new ConfigChange.Change("quotas.concurrentJobs", null, "8"),
                new ConfigChange.Change("security.allowedIps", null, "10.0.0.0/8,127.0.0.1"));
    }

    @Test
    void aNullValueGoesBackToTheDeploymentsValueAndAnEqualValueIsNoChange() {
        ConfigChange change = ConfigChange.of(Map.of("matching.probableThreshold", "0.9", "quotas.concurrentJobs", "4"),
                asked("matching.probableThreshold", null, "quotas.concurrentJobs", "4"));

        assertThat(change.settings()).isEqualTo(Map.of("quotas.concurrentJobs", "4"));
        assertThat(change.changes()).containsExactly(new ConfigChange.Change("matching.probableThreshold", "0.9", null));
    }

    @Test
    void refusesUnknownKeysAndValuesOutOfBoundsNamingEveryProblem() {
        assertThatThrownBy(() -> ConfigChange.of(Map.of(), asked("matching.probableThreshold", "1.2",
                "quotas.recordsPerJob", "0", "jobs.retention", "2h", "vitalink.security.jwt.secret", "x", "matching.probableMargin", "abc")))
                .isInstanceOfSatisfying(ConfigChange.Invalid.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "matching.probableThreshold must be in (0, 1]",
                        "quotas.recordsPerJob must be at least 1",
                        "jobs.retention must be at least 1 day",
                        "unknown setting vitalink.security.jwt.secret",
                        "matching.probableMargin must be a decimal number"));
    }

    @Test
    void refusesSettingsThatDisagreeWithEachOther() {
        assertThatThrownBy(() -> ConfigChange.of(Map.of("matching.probableThreshold", "0.5"), asked("matching.probableMargin", "0.5")))
                .hasMessageContaining("matching.probableMargin must be less than matching.probableThreshold");
        assertThatThrownBy(() -> ConfigChange.of(Map.of(), asked("security.allowedIps", " ")))
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> ConfigChange.of(Map.of("quotas.recordsPerDay", "10"), asked("quotas.recordsPerJob", "11")))
                .hasMessageContaining("quotas.recordsPerJob must not exceed quotas.recordsPerDay");
        assertThatThrownBy(() -> ConfigChange.of(Map.of(), asked("webhooks.allowedHosts", "a.org,,b.org")))
                .hasMessageContaining("empty entry");
    }
}
