package io.vitalink.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Password guessing from one address across many usernames is throttled with 429. */
class LoginThrottleTest {

    @Test
    void tooManyFailedLoginsFromOneAddressAre429Vl1107EvenWithTheRightPassword() {
        try (ApplicationContext api = ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false,
                "vitalink.security.jwt.secret", TestUsers.SECRET,
                "vitalink.security.login.max-failures-per-address", 3,
                "vitalink.bootstrap.admin.username", TestUsers.ADMIN,
                "vitalink.bootstrap.admin.password", TestUsers.PASSWORD))) {
            Http http = new Http(URI.create(api.getBean(EmbeddedServer.class).getURL().toString()));
            for (String guess : new String[] {"alice", "bob", "carol"}) {
                assertThat(Http.code(http.login(guess, "password1234"))).isEqualTo("VL-1105");
            }

            HttpResponse<String> throttled = http.login(TestUsers.ADMIN, TestUsers.PASSWORD);

            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(Http.code(throttled)).isEqualTo("VL-1107");
            assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
        }
    }

    @Test
    void failuresLeaveTheWindowAgain() throws Exception {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMillis(200));
        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> throttle.check("192.0.2.1"));
        throttle.check("192.0.2.2"); // another address is not affected
        Thread.sleep(250);
        throttle.check("192.0.2.1");

        assertThat(refused).isNotNull();
        assertThat(refused.code().code()).isEqualTo("VL-1107");
    }
}
