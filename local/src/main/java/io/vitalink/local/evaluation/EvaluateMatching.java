package io.vitalink.local.evaluation;

import io.vitalink.local.LocalLauncher;
import io.vitalink.local.LocalStack;
import io.vitalink.local.SampleDeath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate-matching.sh}: the quality table of docs/MATCHING.md, reproduced on a real embedded broker. */
@Command(name = "evaluate-matching.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generates the labelled evaluation set, runs it through a real broker, match-streams and the API, "
                + "and prints precision and recall per kind of link as Markdown.")
public final class EvaluateMatching implements Callable<Integer> {

    @Option(names = "--deaths", defaultValue = "100000", description = "Dead people in the registry (default: ${DEFAULT-VALUE}).")
    int deaths;

    @Option(names = "--patients", defaultValue = "20000", description = "Requests in the job (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the data set (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--report", description = "Also write the Markdown to this file.")
    Path report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateMatching()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("vitalink-evaluation");
        EvaluationSet set = EvaluationSet.generate(seed, deaths, patients);
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(work, 0, 0, partitions))) {
            MatchingEvaluation.Run run = MatchingEvaluation.run(stack, set, work, Duration.ofMinutes(30));
            long people = set.registryRows().stream().map(SampleDeath::idNumber).distinct().count();
            String markdown = String.format("Seed %d: %d registry rows (%d dead people, twins included; the rest are "
                            + "duplicate registrations), %d requests.%nDeath-loader: %s%n%n%s", seed,
                    set.registryRows().size(), people, patients, run.load().summaryLine(), run.report().markdown());
            System.out.println(markdown);
            if (report != null) {
                Files.writeString(report, markdown, StandardCharsets.UTF_8);
            }
        } finally {
            LocalLauncher.deleteRecursively(work);
        }
        return 0;
    }
}
