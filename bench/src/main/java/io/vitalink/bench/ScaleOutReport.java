package io.vitalink.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The one Markdown table of a scale-out run: a column per number of instances. */
record ScaleOutReport(BenchData data, int partitions, List<Run> runs) {

    /** One instance's part of a run: requests it decided, and its JVM's peak RSS. */
    record Instance(long decided, long peakRss) {
    }

    /** One run: its instances' shares of match-requests' partitions, every stage, each instance, the check. */
    record Run(int instances, List<Integer> partitionsEach, List<Stage> stages, List<Instance> each, OutcomeCheck check) {

        Stage stage(String name) {
            return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }
    }

    String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%,d registry rows × %,d requests, %d partitions", data.registryRows(),
                data.requests(), partitions));
        lines.add("");
        lines.add(row("stage", run -> run.instances() + (run.instances() == 1 ? " instance" : " instances")));
        lines.add("|---" + "|---".repeat(runs.size()) + "|");
        for (String name : Stages.ALL) {
            lines.add(row(name, run -> Report.cell(run.stages(), name)));
        }
        lines.add(row("match-requests partitions per instance",
                run -> run.partitionsEach().stream().map(String::valueOf).collect(Collectors.joining(" + "))));
        lines.add(row("decided per instance, during *match*", run -> IntStream.range(0, run.each().size())
                .mapToObj(i -> String.format(Locale.ROOT, "#%d: %,d · %,.0f/s", i + 1, run.each().get(i).decided(),
                        run.each().get(i).decided() / seconds(run.stage(Stages.MATCH))))
                .collect(Collectors.joining("; "))));
        lines.add(row("match, all instances", run -> String.format(Locale.ROOT, "%,.0f requests/s",
                run.stage(Stages.MATCH).rowsPerSecond())));
        lines.add(row("peak RSS", run -> IntStream.range(0, run.each().size())
                .mapToObj(i -> (i == 0 ? "stack JVM (broker, API, #1) " : "#" + (i + 1) + " ")
                        + Report.bytes(run.each().get(i).peakRss()))
                .collect(Collectors.joining("; "))));
        lines.add(row("outcome check against the reference", run -> Report.verdict(run.check())));
        return String.join("\n", lines) + "\n";
    }

    private static double seconds(Stage stage) {
        return stage.took().toNanos() / 1e9;
    }

    private String row(String label, Function<Run, String> cell) {
        return "| " + label + " | " + runs.stream().map(cell).collect(Collectors.joining(" | ")) + " |";
    }
}
