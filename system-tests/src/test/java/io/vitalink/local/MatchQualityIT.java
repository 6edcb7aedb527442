package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.local.evaluation.EvaluationSet;
import io.vitalink.local.evaluation.MatchingEvaluation;
import io.vitalink.local.evaluation.QualityReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelled evaluation set through the real system (death-loader, broker, match-streams, API), with the
 * quality targets of docs/MATCHING.md. The table is written to target/matching-quality.md.
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class MatchQualityIT {

    @TempDir
    Path dataDir;

    @Test
    void meetsThePrecisionAndRecallTargets() throws Exception {
        EvaluationSet set = EvaluationSet.generate(2026, 30_000, 6_000);
        MatchingEvaluation.Run run;
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 6))) {
            run = MatchingEvaluation.run(stack, set, dataDir, Duration.ofMinutes(5));
        }
        QualityReport report = run.report();
        Files.writeString(Path.of("target", "matching-quality.md"), report.markdown(), StandardCharsets.UTF_8);

        assertThat(run.job().path("processed").asLong()).isEqualTo(6_000);
        assertThat(report.idExact().precision()).as("exact-ID precision").isGreaterThanOrEqualTo(0.999);
        assertThat(report.idExact().recall()).as("exact-ID recall").isGreaterThanOrEqualTo(0.995);
        assertThat(report.probable().precision()).as("probable precision").isGreaterThanOrEqualTo(0.95);
        // measured 1.0 once the registry is fully indexed before the job (LocalStack.awaitRegistryIndexed)
        assertThat(report.probable().recall()).as("probable recall").isGreaterThanOrEqualTo(0.95);
    }
}
