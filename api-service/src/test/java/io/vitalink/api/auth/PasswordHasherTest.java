package io.vitalink.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** The production defaults: OWASP's Argon2id minimum. */
    private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

    @Test
    void hashesWithArgon2idInThePhcFormatWithoutThePassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hash).doesNotContain("correct", "horse");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    @Test
    void verifiesAHashWrittenByTheReferenceImplementation() {
        // echo -n "correct horse battery staple" | argon2 vitalinksaltsalt -id -t 2 -m 10 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=1024,t=2,p=1$dml0YWxpbmtzYWx0c2FsdA$lRQtXhVezFMZ6gmnFd6yZd4VMiW6VSjT4tfdsuoZw8I";

        assertThat(hasher.verify("correct horse battery staple", reference)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", reference)).isFalse();
    }

    @Test
    void refusesHashesItCannotRead() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "plain-text-password")).isFalse();
        assertThat(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuu5fD6Mi0YeQ1KJ3sLzG0i3hAF0uVYvO")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=2,p=1$dml0YWxpbmtzYWx0c2FsdA$lRQtXhVezFMZ6gmnFd6yZd4VMiW6VSjT4tfdsuoZw8I")).isFalse();
    }
}
