package io.vitalink.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.audit.AuditSink;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.LoginThrottle;
import io.vitalink.api.auth.PasswordHasher;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.testing.InMemoryUserStore;
import io.vitalink.avro.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The bootstrap password serves the first start only, and a start that still finds it configured says so. */
class BootstrapAdminTest {

    private static final String BOOTSTRAP_PASSWORD = "Tr0ub4dor-first-start-only";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final UserService users = new UserService(store, new PasswordHasher(1024, 1, 1), new AuditLog(new AuditSink() {
        @Override
        public void write(AuditEvent event) {
        }

        @Override
        public void writeDurably(AuditEvent event) {
        }
    }), new LoginThrottle(20, Duration.ofMinutes(1)), 5, Duration.ofMinutes(15));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(BootstrapAdmin.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void theFirstStartCreatesTheAdministratorAndAsksForThePasswordToBeChangedAndRemoved() {
        new BootstrapAdmin(users, "Admin", BOOTSTRAP_PASSWORD, "vitalink");

        assertThat(users.hasPassword("admin", BOOTSTRAP_PASSWORD)).isTrue();
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("change its password", "remove VITALINK_BOOTSTRAP_ADMIN_PASSWORD"));
    }

    @Test
    void aLaterStartNeverAppliesThePasswordAgainAndWarnsThatItIsLeftInTheEnvironment() {
        new BootstrapAdmin(users, "admin", BOOTSTRAP_PASSWORD, "vitalink");
        users.changePassword(new Caller("another-admin", "vitalink", Set.of(Roles.ADMIN), null), "admin", null,
                "the administrator's own");
        logged.list.clear();

        new BootstrapAdmin(users, "admin", BOOTSTRAP_PASSWORD, "vitalink");

        assertThat(users.hasPassword("admin", BOOTSTRAP_PASSWORD)).isFalse();
        assertThat(users.hasPassword("admin", "the administrator's own")).isTrue();
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("VITALINK_BOOTSTRAP_ADMIN_PASSWORD is set although users exist", "remove it")
                .doesNotContain(BOOTSTRAP_PASSWORD));
    }

    @Test
    void aLaterStartWarnsLouderWhileTheAdministratorStillHasTheBootstrapPassword() {
        new BootstrapAdmin(users, "admin", BOOTSTRAP_PASSWORD, "vitalink");
        logged.list.clear();

        new BootstrapAdmin(users, "admin", BOOTSTRAP_PASSWORD, "vitalink");

        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("'admin' still has the bootstrap password", "change it", "remove VITALINK_BOOTSTRAP_ADMIN_PASSWORD")
                .doesNotContain(BOOTSTRAP_PASSWORD));
    }

    @Test
    void aLaterStartWithoutThePasswordConfiguredIsQuiet() {
        new BootstrapAdmin(users, "admin", BOOTSTRAP_PASSWORD, "vitalink");
        logged.list.clear();

        new BootstrapAdmin(users, "admin", "", "vitalink");

        assertThat(warnings()).isEmpty();
        assertThat(users.list()).hasSize(1);
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
