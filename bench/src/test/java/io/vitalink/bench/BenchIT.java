package io.vitalink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * bench/run.sh at 10⁴ × 10⁴, PostgreSQL included: every stage is measured and every Vitalink result (REST and Kafka
 * path) equals the reference. Times are not asserted: they depend on the machine. Without PostgreSQL this fails
 * with the driver's message saying how to install it (.ci/run installs it).
 */
class BenchIT {

    @Test
    @Timeout(600)
    void measuresEveryStageAndMatchesTheReferenceOnBothPaths() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent();
        Path work = Path.of("target/bench-it").toAbsolutePath();
        Path report = Path.of("target/bench-it-report.md").toAbsolutePath();
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--deaths", "10000", "--requests", "10000", "--seed", "7",
                "--work-dir", work.toString(), "--report", report.toString(), "--classpath", BenchClasspath.of(checkout),
                // not the defaults, so that a bench/run.sh running beside the build does not collide
                "--api-port", "8290", "--kafka-port", "9293", "--management-port", "8291", "--timeout", "PT5M");

        int exit = bench.call();

        String table = Files.readString(report);
        assertThat(exit).as("exit code; the table:%n%s", table).isZero();
        assertThat(table).contains("| stage | PostgreSQL | Vitalink, REST | Vitalink, Kafka |");
        for (String stage : Stages.ALL) {
            assertThat(table).as(stage).containsPattern("(?m)^\\| " + stage + "[ |(]");
        }
        assertThat(table).contains("| **total** |", "| ratio Vitalink / PostgreSQL |", "| machine CPU, all stages |", "| disk |", "| peak RSS |",
                "| requests linked by ID |");
        assertThat(table).containsPattern("outcome check against the reference \\| — \\| passed: 0 mismatches of 10,000 "
                + "\\| passed: 0 mismatches of 10,000 \\|");
    }

    @Test
    @Timeout(900)
    void scaleOutRunsTheJobOnOneInstanceThenOnTwoSharingThePartitionsWithEveryResultRight() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent();
        Path report = Path.of("target/bench-it-scale-out.md").toAbsolutePath();
        ScaleOutCommand bench = new ScaleOutCommand();
        new CommandLine(bench).parseArgs("--deaths", "10000", "--requests", "5000", "--seed", "7", "--partitions", "4",
                "--work-dir", Path.of("target/bench-it-scale-out").toAbsolutePath().toString(), "--report", report.toString(),
                "--classpath", BenchClasspath.of(checkout), "--matcher-heap", "512m",
                "--api-port", "8290", "--kafka-port", "9293", "--management-port", "8291", "--timeout", "PT5M");

        int exit = bench.call();

        String table = Files.readString(report);
        assertThat(exit).as("exit code; the table:%n%s", table).isZero();
        assertThat(table).contains("| stage | 1 instance | 2 instances |", "| match-requests partitions per instance | 4 | 2 + 2 |");
        for (String stage : Stages.ALL) {
            assertThat(table).as(stage).containsPattern("(?m)^\\| " + stage + " \\|");
        }
        assertThat(table).as("both instances decided requests of the second job")
                .containsPattern("\\| #1: 5,000 · [0-9,]+/s \\| #1: [1-9][0-9,]* · [0-9,]+/s; #2: [1-9][0-9,]* · [0-9,]+/s \\|");
        assertThat(table).contains("| outcome check against the reference | passed: 0 mismatches of 5,000 | passed: 0 mismatches of 5,000 |");
    }

    @Test
    @Timeout(300)
    void hopFloorMovesEverySealedRequestThroughKafkaOnceAndSaysWhatItCost() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        HopFloorCommand floor = new HopFloorCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
        new CommandLine(floor).parseArgs("--requests", "10000", "--chunk", "10", "--work-dir",
                Path.of("target/bench-it-hop-floor").toAbsolutePath().toString());

        int exit = floor.call();

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("10,000 sealed requests", "10 a record")
                .containsPattern("produce \\(transactional, acks=all, lz4\\) +[0-9.]+ s · +[0-9,]+ requests/s · +[0-9.]+ CPU-s")
                .containsPattern("consume \\(read_committed\\) +[0-9.]+ s")
                .containsPattern("one hop +[0-9.]+ s");
    }

    @Test
    @Timeout(600)
    void watchRefreshSendsExactlyTheChangesTheDataMakesAndNothingWithoutAWatch() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent();
        Path report = Path.of("target/bench-it-watch-refresh.md").toAbsolutePath();
        WatchRefreshCommand bench = new WatchRefreshCommand();
        new CommandLine(bench).parseArgs("--deaths", "4000", "--watched", "4000", "--refresh", "400",
                "--work-dir", Path.of("target/bench-it-watch-refresh").toAbsolutePath().toString(), "--report", report.toString(),
                "--classpath", BenchClasspath.of(checkout),
                "--api-port", "8290", "--kafka-port", "9293", "--management-port", "8291", "--timeout", "PT5M");

        int exit = bench.call();

        String table = Files.readString(report);
        assertThat(exit).as("exit code; the table:%n%s", table).isZero();
        // 400 changes a refresh: 40 corrected (20 of deaths linked at submission), 40 withdrawn (20 linked), 320 new (40 watched)
        assertThat(table).contains("200 linked at submission",
                "| changes on match-results (new death · updated · retracted) | 0 · 0 · 0 (expected 0) "
                        + "| 40 · 20 · 20 (expected 40 · 20 · 20) | — |",
                "| job's `changes` counter | — | 80 (expected 80); linked 200 → 220 | — |",
                "| **the watch, in all** |",
                "Every change expected was sent once, with its trigger, and nothing else");
    }
}
