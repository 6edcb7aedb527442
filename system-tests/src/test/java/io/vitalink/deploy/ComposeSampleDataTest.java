package io.vitalink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.local.SampleData;
import io.vitalink.local.SampleDeath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/sample/ holds the synthetic registry the compose stack's death-loader run loads, and a job a reader can
 * submit: exactly what {@link SampleData} makes for {@value #SEED} (as run-local.sh does, smaller). Regenerate after
 * a change of SampleData with {@code -Dvitalink.samples.write=true} on this test.
 */
class ComposeSampleDataTest {

    static final long SEED = 2024;
    static final int DEATHS = 1000;
    static final int PATIENTS = 200;
    static final int DYING = PATIENTS * 2 / 5;
    static final int INVALID = PATIENTS / 20;

    private static final Path SAMPLE = DeployFiles.DOCKER.resolve("sample");

    @Test
    void theComposeSampleIsSampleDataOfItsSeed(@TempDir Path temp) throws IOException {
        List<SampleDeath> deaths = SampleData.deaths(SEED, DEATHS);
        Path deathsCsv = temp.resolve("deaths.csv");
        Path requestsCsv = temp.resolve("requests.csv");
        SampleData.writeDeathsCsv(deaths, deathsCsv);
        SampleData.writeRequestsCsv(SampleData.requests(SEED, deaths, PATIENTS, DYING, INVALID), requestsCsv);
        if (Boolean.getBoolean("vitalink.samples.write")) {
            Files.createDirectories(SAMPLE);
            Files.copy(deathsCsv, SAMPLE.resolve("deaths.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(requestsCsv, SAMPLE.resolve("requests.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        assertThat(SAMPLE.resolve("deaths.csv")).as("docker/sample/deaths.csv").hasSameBinaryContentAs(deathsCsv);
        assertThat(SAMPLE.resolve("requests.csv")).as("docker/sample/requests.csv").hasSameBinaryContentAs(requestsCsv);
        assertThat(SampleData.readDeathsCsv(SAMPLE.resolve("deaths.csv"))).hasSize(DEATHS);
    }
}
