package io.vitalink.loader;

/**
 * What death-records holds at the start of a load, read once per load to tell new, changed and unchanged deaths
 * apart. In production {@link TopicSnapshot} reads the topic; tests may feed anything.
 */
@FunctionalInterface
public interface CurrentRecords {

    /** An empty topic. */
    CurrentRecords NONE = sink -> { };

    /** Receives the records. */
    interface Sink {

        /** Roughly how many records will follow (for a progress bar); may not be called. */
        default void expect(long records) {
        }

        /**
         * One record, in offset order for each key.
         *
         * @param value the encoded {@code DeathRecord}, or null for a tombstone
         */
        void record(String key, byte[] value);
    }

    /**
     * Feeds every record up to now to {@code sink}.
     *
     * @throws LoadException when the records cannot be read
     */
    void read(Sink sink);
}
