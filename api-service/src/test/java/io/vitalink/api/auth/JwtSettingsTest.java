package io.vitalink.api.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.api.ApiApplication;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a signing secret the service does not start: no generated or built-in secret. */
class JwtSettingsTest {

    @Test
    void refusesToStartWithoutASigningSecret() {
        assertThatThrownBy(() -> ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false,
                "vitalink.security.jwt.secret", "")))
                .hasStackTraceContaining("VITALINK_JWT_SECRET");
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new JwtSettings("too-short-secret", Duration.ofMinutes(15), Duration.ofHours(8), Duration.ofHours(12)))
                .hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void refusesARefreshTokenThatLivesShorterThanTheAccessToken() {
        assertThatThrownBy(() -> new JwtSettings("a-secret-that-is-long-enough-0123456789", Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(12)))
                .hasMessageContaining("lifetimes");
    }
}
