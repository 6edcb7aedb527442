package io.vitalink.topic;

import java.util.Map;

/**
 * A topic of the public contract: its name, what its key holds, the type of its values, and the settings it
 * is created with. Serdes come from {@link TopicSerdes}, which seals personal data with the deployment's keys.
 * Partition counts are deployment settings, see {@link TopicProvisioner}.
 */
public record Topic<K, V>(String name, Key key, Class<V> valueType, Map<String, String> config) {

    /** What a topic's key holds. */
    public enum Key {
        /** Plain text: a jobId, a recordId or a username. */
        TEXT,
        /** A normalised identifier, sealed with deterministic encryption (equal IDs, equal keys). */
        SEALED_ID
    }

    @Override
    public String toString() {
        return name;
    }
}
