package io.vitalink.topic;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic of the public contract: its name, the serdes of its key and value, and the settings it is
 * created with. Partition counts are deployment settings, see {@link TopicProvisioner}.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {

    @Override
    public String toString() {
        return name;
    }
}
