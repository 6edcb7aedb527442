package io.vitalink.api.user;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 that authenticates a record of the {@code users} topic: its key and its value (a tombstone too),
 * under a key only the API instances hold. Anyone else who can write the topic (a misconfigured ACL, a direct-Kafka
 * client) could otherwise add an administrator or delete one; a record without a valid MAC is never applied.
 * A replayed record of the API's own is not detected here: the topic's ACL is what keeps other writers out.
 */
final class UserRecordMac {

    /** The Kafka header that carries the MAC. */
    static final String HEADER = "vitalink-user-mac";
    /** Names the derived key, so that it can be nothing but this. */
    static final String PURPOSE = "vitalink users topic record MAC v1";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    UserRecordMac(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    byte[] of(String username, byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] name = username.getBytes(StandardCharsets.UTF_8);
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

    boolean verifies(String username, byte[] value, byte[] mac) {
        return mac != null && MessageDigest.isEqual(of(username, value), mac);
    }
}
