package io.vitalink.kafka;

/** The Kafka client properties file is missing, unreadable or holds a setting it may not hold. Never holds a value. */
public final class KafkaClientConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public KafkaClientConfigException(String message) {
        super(message);
    }

    public KafkaClientConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
