package io.vitalink.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The one Markdown table of a run: every stage per system, totals, ratio, disk, memory and the outcome check. */
record Report(BenchData data, PostgresBaseline.Run postgres, List<Stage> registry, VitalinkRun.Job rest,
              VitalinkRun.Job kafka, Map<String, Long> vitalinkDisk, long stackPeakRss, long loaderPeakRss,
              OutcomeCheck restCheck, OutcomeCheck kafkaCheck) {

    boolean passed() {
        return restCheck.passed() && kafkaCheck.passed();
    }

    String markdown() {
        List<Stage> restStages = concat(registry, rest.stages());
        List<Stage> kafkaStages = concat(registry, kafka.stages());
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%,d registry rows × %,d requests", data.registryRows(), data.requests()));
        lines.add("");
        lines.add("| stage | PostgreSQL | Vitalink, REST | Vitalink, Kafka |");
        lines.add("|---|---|---|---|");
        for (String name : Stages.ALL) {
            String label = name.equals(Stages.MATCH) ? name + " (PostgreSQL: " + postgres.plan() + ")" : name;
            lines.add(row(label, cell(postgres.stages(), name), cell(restStages, name),
                    cell(kafkaStages, name) + (registry.stream().anyMatch(s -> s.name().equals(name)) ? " (same load)" : "")));
        }
        Duration pg = total(postgres.stages());
        Duration viaRest = total(restStages);
        Duration viaKafka = total(kafkaStages);
        lines.add(row("**total**", seconds(pg), seconds(viaRest), seconds(viaKafka)));
        lines.add(row("ratio Vitalink / PostgreSQL", "1", ratio(viaRest, pg), ratio(viaKafka, pg)));
        Duration pgCpu = totalCpu(postgres.stages());
        lines.add(row("machine CPU, all stages", cpuSeconds(pgCpu), cpuSeconds(totalCpu(restStages)) + " · "
                + ratio(totalCpu(restStages), pgCpu), cpuSeconds(totalCpu(kafkaStages)) + " · " + ratio(totalCpu(kafkaStages), pgCpu)));
        String disk = String.format("broker %s, Streams state %s, API store %s", bytes(vitalinkDisk.get("broker")),
                bytes(vitalinkDisk.get("streams")), bytes(vitalinkDisk.get("api store")));
        lines.add(row("disk", bytes(postgres.diskBytes()) + " (3 tables, no index)", disk + " (after both jobs)", "same stack"));
        lines.add(row("peak RSS", "—", "stack JVM " + bytes(stackPeakRss) + ", death-loader " + bytes(loaderPeakRss), "same stack"));
        lines.add(row("requests linked by ID", String.format(Locale.ROOT, "%,d (equal ID text)", postgres.linkedIds()),
                String.format(Locale.ROOT, "%,d ID_EXACT", restCheck.idExactLinks()),
                String.format(Locale.ROOT, "%,d ID_EXACT", kafkaCheck.idExactLinks())));
        lines.add(row("outcome check against the reference", "—", verdict(restCheck), verdict(kafkaCheck)));
        return String.join("\n", lines) + "\n";
    }

    static String verdict(OutcomeCheck check) {
        return (check.passed() ? "passed: " : "**FAILED**: ") + check.summary();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    static String cell(List<Stage> stages, String name) {
        Optional<Stage> stage = stages.stream().filter(s -> s.name().equals(name)).findFirst();
        return stage.map(s -> String.format(Locale.ROOT, "%s · %,.0f rows/s · %s", seconds(s.took()), s.rowsPerSecond(),
                cpuSeconds(s.cpu()))).orElse("—");
    }

    private static Duration totalCpu(List<Stage> stages) {
        return stages.stream().map(Stage::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    private static String cpuSeconds(Duration cpu) {
        return String.format(Locale.ROOT, "%.1f CPU-s", cpu.toMillis() / 1e3);
    }

    private static Duration total(List<Stage> stages) {
        return stages.stream().map(Stage::took).reduce(Duration.ZERO, Duration::plus);
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.2f s", took.toNanos() / 1e9);
    }

    private static String ratio(Duration vitalink, Duration postgres) {
        return String.format(Locale.ROOT, "%.1f×", (double) vitalink.toNanos() / postgres.toNanos());
    }

    static String bytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }

    private static List<Stage> concat(List<Stage> a, List<Stage> b) {
        List<Stage> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
