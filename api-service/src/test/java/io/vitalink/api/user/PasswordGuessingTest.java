package io.vitalink.api.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.audit.AuditSink;
import io.vitalink.api.audit.UserChange;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.LoginThrottle;
import io.vitalink.api.auth.PasswordHasher;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.testing.InMemoryUserStore;
import io.vitalink.avro.AuditEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Password checks under guessing: lockout under concurrency, equal work for unknown users, own password changes. */
class PasswordGuessingTest {

    private static final String PASSWORD = "the right password 2026";
    private static final int MAX_FAILURES = 5;

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final CountingHasher hasher = new CountingHasher();
    private final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newFixedThreadPool(20);

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void concurrentWrongPasswordsLockTheAccountAtExactlyTheLimitAndNoGuessAfterItIsChecked() throws Exception {
        UserService users = service(1000);
        create(users, "target", true);
        hasher.slow = true; // every guess is in flight before the first is answered, unless they take turns
        hasher.verifies.set(0);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guess = "wrong guess number " + i;
            answers.add(pool.submit(() -> {
                start.await();
                return code(() -> users.authenticate("target", guess, "203.0.113.7"));
            }));
        }
        start.countDown();
        List<String> codes = new ArrayList<>();
        for (Future<String> answer : answers) {
            codes.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(codes).filteredOn("VL-1105"::equals).hasSize(MAX_FAILURES - 1);
        assertThat(codes).filteredOn("VL-1106"::equals).hasSize(20 - (MAX_FAILURES - 1));
        assertThat(hasher.verifies.get()).as("passwords checked").isEqualTo(MAX_FAILURES);
        assertThat(events).filteredOn(e -> e.getAction().equals(UserChange.USER_LOCKED.name())).hasSize(1);
        assertThat(code(() -> users.authenticate("target", PASSWORD, "203.0.113.7"))).isEqualTo("VL-1106");
    }

    @Test
    void anUnknownUserCostsTheSameArgon2CheckAsAWrongPassword() {
        UserService users = service(1000);
        create(users, "known", true);
        String userHash = store.find("known").orElseThrow().getPasswordHash();
        hasher.hashes.set(0);

        for (String[] attempt : new String[][] {{"known", "wrong password"}, {"nobody", "any password"},
                {"nobody", null}, {"nobody", "x".repeat(UserPolicy.MAX_PASSWORD_LENGTH + 1)}}) {
            hasher.verifies.set(0);
            hasher.lastParameters = null;

            assertThat(code(() -> users.authenticate(attempt[0], attempt[1], "203.0.113.8"))).isEqualTo("VL-1105");
            assertThat(hasher.verifies.get()).as("Argon2 checks for %s", attempt[0]).isEqualTo(1);
            assertThat(hasher.lastParameters).as("same cost parameters").isEqualTo(parameters(userHash));
        }
        assertThat(hasher.hashes.get()).as("no hash made while answering").isZero();
    }

    @Test
    void aDisabledAccountShowsOnlyToWhoeverKnowsItsPassword() {
        UserService users = service(1000);
        create(users, "leaver", false);

        assertThat(code(() -> users.authenticate("leaver", "a wrong password", "203.0.113.9"))).isEqualTo("VL-1105");
        assertThat(code(() -> users.authenticate("leaver", PASSWORD, "203.0.113.9"))).isEqualTo("VL-1112");
        assertThat(store.find("leaver").orElseThrow().getFailedLogins()).as("the wrong one counted").isEqualTo(1);
    }

    @Test
    void wrongCurrentPasswordsOfAnOwnPasswordChangeLockTheAccountLikeFailedLogins() {
        UserService users = service(1000);
        create(users, "self", true);
        Caller self = caller("self", "198.51.100.1");

        for (int i = 1; i < MAX_FAILURES; i++) {
            int n = i;
            assertThat(code(() -> users.changePassword(self, "self", "guess " + n, "a new password 2026"))).isEqualTo("VL-1116");
        }
        String last = code(() -> users.changePassword(self, "self", "guess " + MAX_FAILURES, "a new password 2026"));

        assertThat(last).isEqualTo("VL-1106");
        assertThat(code(() -> users.changePassword(self, "self", PASSWORD, "a new password 2026"))).isEqualTo("VL-1106");
        assertThat(code(() -> users.authenticate("self", PASSWORD, "198.51.100.2"))).isEqualTo("VL-1106");
        assertThat(users.hasPassword("self", PASSWORD)).as("unchanged").isTrue();
    }

    @Test
    void wrongCurrentPasswordsCountTowardsTheThrottleOfTheAddress() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(1));
        UserService users = service(throttle);
        create(users, "self", true);
        Caller self = caller("self", "198.51.100.3");

        assertThat(code(() -> users.changePassword(self, "self", "guess 1", "a new password 2026"))).isEqualTo("VL-1116");
        assertThat(code(() -> users.changePassword(self, "self", "guess 2", "a new password 2026"))).isEqualTo("VL-1116");
        hasher.verifies.set(0);
        String third = code(() -> users.changePassword(self, "self", PASSWORD, "a new password 2026"));

        assertThat(third).isEqualTo("VL-1107");
        assertThat(hasher.verifies.get()).as("refused before any check").isZero();
        assertThat(code(() -> throttle.check("198.51.100.3"))).as("logins from there too").isEqualTo("VL-1107");
        assertThat(code(() -> users.changePassword(caller("self", "198.51.100.4"), "self", PASSWORD, "a new password 2026")))
                .as("another address").isNull();
    }

    @Test
    void anAdministratorsResetNeedsNoCurrentPasswordAndCountsNothing() {
        UserService users = service(new LoginThrottle(1, Duration.ofMinutes(1)));
        create(users, "forgetful", true);
        Caller admin = new Caller("boss", "vitalink", Set.of(Roles.ADMIN), "198.51.100.5");

        users.changePassword(admin, "forgetful", null, "a reset password 2026");
        users.changePassword(admin, "forgetful", null, "another reset password");

        assertThat(users.hasPassword("forgetful", "another reset password")).isTrue();
        assertThat(store.find("forgetful").orElseThrow().getFailedLogins()).isZero();
    }

    private UserService service(int maxFailuresPerAddress) {
        return service(new LoginThrottle(maxFailuresPerAddress, Duration.ofMinutes(1)));
    }

    private UserService service(LoginThrottle throttle) {
        AuditSink sink = new AuditSink() {
            @Override
            public void write(AuditEvent event) {
                events.add(event);
            }

            @Override
            public void writeDurably(AuditEvent event) {
                events.add(event);
            }
        };
        return new UserService(store, hasher, new AuditLog(sink), throttle, MAX_FAILURES, Duration.ofMinutes(15));
    }

    private static void create(UserService users, String username, boolean enabled) {
        users.create(Caller.system("test"), new NewUser(username, null, "centre-a", List.of(Roles.SUBMITTER), enabled, PASSWORD));
    }

    private static Caller caller(String username, String ip) {
        return new Caller(username, "centre-a", Set.of(Roles.SUBMITTER), ip);
    }

    /** The VL- code a call is refused with, or null when it succeeds. */
    private static String code(Runnable call) {
        ApiException e = catchThrowableOfType(call::run, ApiException.class);
        return e == null ? null : e.code().code();
    }

    private static String parameters(String encoded) {
        return encoded.substring(0, encoded.lastIndexOf('$', encoded.lastIndexOf('$') - 1));
    }

    /** Fast Argon2 that counts its work and can be slow enough for every concurrent guess to overlap. */
    private static final class CountingHasher extends PasswordHasher {

        final AtomicInteger verifies = new AtomicInteger();
        final AtomicInteger hashes = new AtomicInteger();
        volatile String lastParameters;
        volatile boolean slow;

        CountingHasher() {
            super(1024, 1, 1);
        }

        @Override
        public String hash(String password) {
            hashes.incrementAndGet();
            return super.hash(password);
        }

        @Override
        public boolean verify(String password, String encoded) {
            verifies.incrementAndGet();
            lastParameters = parameters(encoded);
            if (slow) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.verify(password, encoded);
        }
    }
}
