package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StagingPipelineTest {

    @Test
    void stagesEveryItemInOrderOnItsOwnThread() {
        List<Integer> staged = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        int count = 3 * StagingPipeline.BATCH + 7;
        try (StagingPipeline<Integer> pipeline = new StagingPipeline<>("staging-test", item -> {
            staged.add(item);
            threads.add(Thread.currentThread().getName());
        })) {
            IntStream.range(0, count).forEach(pipeline::accept);
            pipeline.finish();
        }

        assertThat(staged).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(threads).containsOnly("staging-test");
    }

    @Test
    void rethrowsWhatTheStagingThreadThrewWithItsCode() {
        LoadException failure = new LoadException(LoadFailure.WORK_STORE_FAILED, "disk full");

        assertThatThrownBy(() -> {
            try (StagingPipeline<Integer> pipeline = new StagingPipeline<>("staging-test", item -> {
                if (item == 5) {
                    throw failure;
                }
            })) {
                IntStream.range(0, 20 * StagingPipeline.BATCH).forEach(pipeline::accept);
                pipeline.finish();
            }
        }).isSameAs(failure);
    }
}
