package io.vitalink.bench;

import io.vitalink.local.SampleData;
import io.vitalink.local.evaluation.EvaluationSet;
import java.io.IOException;
import java.nio.file.Path;

/** The two input files, made once by the evaluation generator and read by every system. */
record BenchData(Path deathsCsv, Path requestsCsv, long registryRows, long requests) {

    /**
     * The generator holds the whole set in memory (about 1 GB of heap at 10⁶ × 10⁶); it is dropped once written, so
     * that the runs that follow keep only the reference's outcomes.
     */
    static BenchData write(long seed, int deaths, int requests, Path dir) throws IOException {
        EvaluationSet set = EvaluationSet.generate(seed, deaths, requests);
        Path deathsCsv = dir.resolve("deaths.csv");
        Path requestsCsv = dir.resolve("requests.csv");
        SampleData.writeDeathsCsv(set.registryRows(), deathsCsv);
        set.writeRequestsCsv(requestsCsv);
        return new BenchData(deathsCsv, requestsCsv, set.registryRows().size(), set.requests().size());
    }
}
