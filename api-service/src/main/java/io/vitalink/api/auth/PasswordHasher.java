package io.vitalink.api.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle) in the PHC string format the reference implementation writes,
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so a hash carries its own parameters and old hashes
 * stay verifiable after the defaults change. Defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes).
 */
@Singleton
public class PasswordHasher {

    private static final Pattern ENCODED = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(@Value("${vitalink.security.password.argon2.memory-kib:19456}") int memoryKib,
                          @Value("${vitalink.security.password.argon2.iterations:2}") int iterations,
                          @Value("${vitalink.security.password.argon2.parallelism:1}") int parallelism) {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} matches; false for a wrong password or a hash this class cannot read. */
    public boolean verify(String password, String encoded) {
        Matcher m = encoded == null ? null : ENCODED.matcher(encoded);
        if (m == null || !m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int passes = Integer.parseInt(m.group(2));
        int lanes = Integer.parseInt(m.group(3));
        if (memory < 8 * lanes || passes < 1 || lanes < 1 || memory > 4 * 1024 * 1024) {
            return false;
        }
        byte[] salt = B64_DECODER.decode(m.group(4));
        byte[] expected = B64_DECODER.decode(m.group(5));
        byte[] actual = argon2(password, salt, memory, passes, lanes, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
