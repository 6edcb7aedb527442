package io.vitalink.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands parsed rows, in batches and in order, to one staging thread, so that parsing and cleaning (the caller's
 * thread) and sealing and writing the work store (the staging thread) use two cores. One consumer keeps the
 * order, so line numbers, duplicates and counters come out exactly as when staged in the caller's thread. The
 * queue is bounded: the heap holds at most a few batches whatever the input size.
 */
final class StagingPipeline<T> implements AutoCloseable {

    static final int BATCH = 1024;
    private static final int BATCHES_IN_FLIGHT = 8;
    private static final List<Object> END = new ArrayList<>();

    private final BlockingQueue<List<?>> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread worker;
    private List<T> batch = new ArrayList<>(BATCH);

    StagingPipeline(String name, Consumer<T> stage) {
        worker = new Thread(() -> drain(stage), name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues one item; rethrows a failure of the staging thread. */
    void accept(T item) {
        batch.add(item);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits until every item queued so far is staged; rethrows a failure of the staging thread. */
    void finish() {
        put(batch);
        put(END);
        join();
        rethrow();
    }

    /** Stops the staging thread if {@link #finish()} was not reached (the caller failed). */
    @Override
    public void close() {
        if (worker.isAlive()) {
            worker.interrupt();
            join();
        }
    }

    @SuppressWarnings("unchecked")
    private void drain(Consumer<T> stage) {
        try {
            for (List<?> next = queue.take(); next != END; next = queue.take()) {
                ((List<T>) next).forEach(stage);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
            queue.clear(); // unblocks a caller waiting on a full queue
        }
    }

    private void put(List<?> items) {
        rethrow();
        try {
            while (!queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the staging thread stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while staging rows", e);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
