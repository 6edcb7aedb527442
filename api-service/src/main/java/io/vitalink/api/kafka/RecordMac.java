package io.vitalink.api.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 that authenticates a record of a topic only the API writes: its key and its value (a tombstone
 * too), under a key only the API instances hold. Anyone else who can write the topic (a misconfigured ACL, a
 * direct-Kafka client) could otherwise add an administrator or change a setting; a record without a valid MAC is
 * never applied. A replayed record of the API's own is not detected here: the topic's ACL keeps other writers out.
 *
 * @param header the Kafka header that carries the MAC
 */
public record RecordMac(String header, SecretKeySpec key) {

    private static final String ALGORITHM = "HmacSHA256";

    public static RecordMac keyed(String header, byte[] key) {
        return new RecordMac(header, new SecretKeySpec(key, ALGORITHM));
    }

    public byte[] sign(String recordKey, byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] name = recordKey.getBytes(StandardCharsets.UTF_8);
            // lengths first, so that no other split of the same bytes into key and value has this MAC
            mac.update(ByteBuffer.allocate(8).putInt(name.length).putInt(value == null ? -1 : value.length).array());
            mac.update(name);
            if (value != null) {
                mac.update(value);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public boolean verifies(String recordKey, byte[] value, byte[] mac) {
        return mac != null && MessageDigest.isEqual(sign(recordKey, value), mac);
    }

    @Override
    public String toString() {
        return "RecordMac[" + header + "]";
    }
}
