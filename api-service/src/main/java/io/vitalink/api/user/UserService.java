package io.vitalink.api.user;

import io.micronaut.context.annotation.Value;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.audit.UserChange;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.LoginThrottle;
import io.vitalink.api.auth.PasswordHasher;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.User;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and their credentials: management by administrators, password checks with lockout, and the per-request
 * token check. Changing a password, the roles or the organisation, or disabling a user, revokes the tokens
 * issued before ({@code tokensValidAfter}); deleting a user revokes them because the user is gone. Every change
 * is audited, never with a password or hash. Writes are serialised in this instance, and so are the password
 * checks of each user (logins and own password changes), so that concurrent guesses are counted one by one.
 */
@Singleton
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);

    private final UserStore store;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final int maxFailures;
    private final Duration lockDuration;
    /** Made once, up front: the first unknown-user login must not cost a hash more than the others. */
    private final String dummyHash;
    /** One monitor per existing username (there are few users): its password checks take turns. */
    private final Map<String, Object> passwordChecks = new ConcurrentHashMap<>();

    public UserService(UserStore store, PasswordHasher hasher, AuditLog audit, LoginThrottle throttle,
                       @Value("${vitalink.security.login.max-failures:5}") int maxFailures,
                       @Value("${vitalink.security.login.lock-duration:15m}") Duration lockDuration) {
        this.store = store;
        this.hasher = hasher;
        this.audit = audit;
        this.throttle = throttle;
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
        this.dummyHash = hasher.hash("not a password of any user");
    }

    /** Whether the user exists and has this password; nothing is counted (for start-up checks, not for logins). */
    boolean hasPassword(String username, String password) {
        return store.find(username).filter(u -> hasher.verify(password, u.getPasswordHash())).isPresent();
    }

    /** Whether a user of this username exists now (for the audit trail: what was typed may be no username). */
    public boolean exists(String username) {
        return username != null && store.find(UserPolicy.normalise(username)).isPresent();
    }

    public boolean isEmpty() {
        return store.all().isEmpty();
    }

    public List<User> list() {
        List<User> users = new ArrayList<>(store.all());
        users.sort(Comparator.comparing(User::getUsername));
        return users;
    }

    /** @throws ApiException VL-1109 for an unknown user */
    public User get(String username) {
        return store.find(UserPolicy.normalise(username)).orElseThrow(UserService::notFound);
    }

    /** @throws ApiException VL-1108 exists, VL-1110 weak password, VL-1113 invalid field */
    public synchronized User create(Caller actor, NewUser request) {
        String username = UserPolicy.normalise(request.username());
        UserPolicy.checkUsername(username);
        UserPolicy.checkDisplayName(request.displayName());
        UserPolicy.checkOrganisation(request.organisation());
        UserPolicy.checkRoles(request.roles());
        UserPolicy.checkPassword(request.password(), "password");
        if (store.find(username).isPresent()) {
            throw new ApiException(ErrorCode.USER_EXISTS, "A user with this username exists", null, "username");
        }
        Instant now = Instant.now();
        User user = User.newBuilder()
                .setUsername(username)
                .setDisplayName(request.displayName())
                .setOrganisation(request.organisation())
                .setRoles(List.copyOf(new LinkedHashSet<>(request.roles())))
                .setEnabled(request.enabled() == null || request.enabled())
                .setPasswordHash(hasher.hash(request.password()))
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .build();
        changed(actor, UserChange.USER_CREATED, username, "roles=" + String.join(",", user.getRoles())
                + "; organisation=" + user.getOrganisation() + "; enabled=" + user.getEnabled());
        if (user.getRoles().contains(Roles.SUBMITTER)) {
            submitterGranted(actor, user);
        }
        store.save(user);
        return user;
    }

    /** Creates the user unless one with that username exists; true when created (bootstrap, local stack). */
    public synchronized boolean createIfAbsent(Caller actor, NewUser request) {
        if (store.find(UserPolicy.normalise(request.username())).isPresent()) {
            return false;
        }
        create(actor, request);
        return true;
    }

    /** @throws ApiException VL-1109 unknown, VL-1113 invalid field, VL-1117 would leave no enabled administrator */
    public synchronized User update(Caller actor, String username, UserUpdate request) {
        User current = get(username);
        User.Builder next = User.newBuilder(current);
        List<String> changed = new ArrayList<>();
        if (request.displayName() != null && !request.displayName().equals(current.getDisplayName())) {
            UserPolicy.checkDisplayName(request.displayName());
            next.setDisplayName(request.displayName());
            changed.add("displayName");
        }
        boolean revoke = false;
        if (request.organisation() != null && !request.organisation().equals(current.getOrganisation())) {
            UserPolicy.checkOrganisation(request.organisation());
            next.setOrganisation(request.organisation());
            changed.add("organisation=" + request.organisation());
            revoke = true;
        }
        if (request.roles() != null && !Set.copyOf(request.roles()).equals(Set.copyOf(current.getRoles()))) {
            UserPolicy.checkRoles(request.roles());
            next.setRoles(List.copyOf(new LinkedHashSet<>(request.roles())));
            changed.add("roles=" + String.join(",", next.getRoles()));
            revoke = true;
        }
        if (request.enabled() != null && request.enabled() != current.getEnabled()) {
            next.setEnabled(request.enabled());
            changed.add("enabled=" + request.enabled());
            revoke |= !request.enabled();
        }
        if (changed.isEmpty()) {
            return current;
        }
        User updated = next.setUpdatedAt(Instant.now()).build();
        if (revoke) {
            updated.setTokensValidAfter(revocationTime());
            updated.setSessions(List.of());
        }
        requireAnotherAdmin(current, updated);
        boolean grantsSubmitter = updated.getRoles().contains(Roles.SUBMITTER) && !current.getRoles().contains(Roles.SUBMITTER);
        if (current.getUsername().equals(actor.username())
                && (grantsSubmitter || !updated.getOrganisation().equals(current.getOrganisation()))) {
            throw new ApiException(ErrorCode.SELF_GRANT_REFUSED, "An administrator cannot give their own account the "
                    + "SUBMITTER role nor move it to another organisation: another administrator must", null,
                    grantsSubmitter ? "roles" : "organisation");
        }
        changed(actor, UserChange.USER_UPDATED, current.getUsername(), String.join("; ", changed));
        if (grantsSubmitter) {
            submitterGranted(actor, updated);
        }
        store.save(updated);
        return updated;
    }

    /** @throws ApiException VL-1109 unknown, VL-1117 the last enabled administrator */
    public synchronized void delete(Caller actor, String username) {
        User current = get(username);
        requireAnotherAdmin(current, null);
        changed(actor, UserChange.USER_DELETED, current.getUsername(), null);
        store.delete(current.getUsername());
    }

    /**
     * A user changes their own password (the current one required), or an administrator sets another user's
     * (which also lifts a lockout). Tokens issued before are revoked. A wrong current password counts like a failed
     * login, towards the account lockout and the per-address throttle: a stolen token must not allow unthrottled
     * password guessing.
     *
     * @throws ApiException VL-1103 neither self nor admin, VL-1106 locked, VL-1107 throttled, VL-1109 unknown,
     *                      VL-1110 weak, VL-1116 wrong current password
     */
    public void changePassword(Caller actor, String username, String currentPassword, String newPassword) {
        String target = UserPolicy.normalise(username);
        boolean self = target != null && target.equals(actor.username());
        if (!self && !actor.has(Roles.ADMIN)) {
            throw new ApiException(ErrorCode.ROLE_NOT_ALLOWED, "Only an administrator can set another user's password");
        }
        String name = get(target).getUsername();
        if (!self) {
            setPassword(actor, name, newPassword, "reset by an administrator");
            return;
        }
        String sourceIp = actor.sourceIp();
        if (sourceIp != null) {
            throttle.check(sourceIp);
        }
        if (currentPassword == null || currentPassword.length() > UserPolicy.MAX_PASSWORD_LENGTH) {
            throw wrongCurrentPassword(); // no guess was made: nothing to count
        }
        synchronized (passwordCheck(name)) {
            try {
                checkPassword(name, currentPassword, sourceIp, UserService::wrongCurrentPassword);
            } catch (ApiException e) {
                if (e.code() == ErrorCode.WRONG_CURRENT_PASSWORD && sourceIp != null) {
                    throttle.failed(sourceIp);
                }
                throw e;
            }
            setPassword(actor, name, newPassword, "by the user"); // in turn: no guess lands between check and change
        }
    }

    private void setPassword(Caller actor, String username, String newPassword, String how) {
        UserPolicy.checkPassword(newPassword, "newPassword");
        String hash = hasher.hash(newPassword);
        synchronized (this) {
            User current = get(username);
            // a known current password ends a run of failures; an administrator's reset also lifts a lock
            User next = User.newBuilder(current)
                    .setPasswordHash(hash)
                    .setTokensValidAfter(revocationTime())
                    .setSessions(List.of())
                    .setFailedLogins(0)
                    .setLockedUntil(null)
                    .setUpdatedAt(Instant.now())
                    .build();
            changed(actor, UserChange.USER_PASSWORD_CHANGED, current.getUsername(), how);
            store.save(next);
        }
    }

    /**
     * Checks a password login. After {@code max-failures} consecutive wrong passwords the account is locked for
     * {@code lock-duration}; while locked, no password is checked. The checks of one user take turns in this
     * instance, so that each sees the count the one before left: a burst of guesses locks the account at exactly
     * the limit, and no guess after it is checked.
     *
     * @throws ApiException VL-1105 unknown user or wrong password, VL-1106 locked, VL-1112 disabled
     */
    public User authenticate(String username, String password, String sourceIp) {
        String name = UserPolicy.normalise(username);
        User known = name == null ? null : store.find(name).orElse(null);
        if (known == null || password == null || password.length() > UserPolicy.MAX_PASSWORD_LENGTH) {
            hasher.verify(password == null ? "" : "x", dummyHash); // as slow as a real check: existence does not show
            throw badCredentials();
        }
        synchronized (passwordCheck(known.getUsername())) {
            User user = checkPassword(known.getUsername(), password, sourceIp, UserService::badCredentials);
            // only after the password: a disabled account must not show to someone who does not know it
            if (!user.getEnabled()) {
                throw new ApiException(ErrorCode.ACCOUNT_DISABLED, "This account is disabled");
            }
            if (user.getFailedLogins() > 0 || user.getLockedUntil() != null) {
                synchronized (this) {
                    User latest = store.find(user.getUsername()).orElse(user);
                    store.save(User.newBuilder(latest).setFailedLogins(0).setLockedUntil(null).build());
                }
            }
            return user;
        }
    }

    /**
     * The stored user when {@code password} is theirs; a wrong one is counted (and may lock the account). The caller
     * holds {@link #passwordCheck} of the user.
     */
    private User checkPassword(String username, String password, String sourceIp, Supplier<ApiException> wrong) {
        User user = store.find(username).orElse(null); // read again in turn: the check before may have locked it
        if (user == null) {
            hasher.verify("x", dummyHash);
            throw wrong.get();
        }
        Instant now = Instant.now();
        if (user.getLockedUntil() != null && user.getLockedUntil().isAfter(now)) {
            throw locked(user.getLockedUntil(), now);
        }
        if (!hasher.verify(password, user.getPasswordHash())) {
            throw failed(user.getUsername(), sourceIp, wrong);
        }
        return user;
    }

    private Object passwordCheck(String username) {
        return passwordChecks.computeIfAbsent(username, u -> new Object());
    }

    /**
     * Applies {@code change} to the stored user under the lock every change of a user takes here, and stores the
     * result unless it is the user unchanged.
     *
     * @throws ApiException VL-1109 for an unknown user
     */
    synchronized User modify(String username, java.util.function.UnaryOperator<User> change) {
        User current = get(username);
        User changed = change.apply(current);
        if (changed != current) {
            store.save(changed);
        }
        return changed;
    }

    /** The user, when it exists, is enabled and has not had its tokens revoked since {@code issuedAtMillis}. */
    public Optional<User> activeUser(String username, long issuedAtMillis) {
        return store.find(username).filter(u -> u.getEnabled()
                && (u.getTokensValidAfter() == null || issuedAtMillis >= u.getTokensValidAfter().toEpochMilli()));
    }

    private synchronized ApiException failed(String username, String sourceIp, Supplier<ApiException> wrong) {
        User latest = store.find(username).orElse(null);
        if (latest == null) {
            return wrong.get();
        }
        Instant now = Instant.now();
        int failures = latest.getFailedLogins() + 1;
        if (failures >= maxFailures) {
            Instant until = now.plus(lockDuration);
            store.save(User.newBuilder(latest).setFailedLogins(0).setLockedUntil(until).build());
            audit.securityEvent(username, latest.getOrganisation(), sourceIp, UserChange.USER_LOCKED,
                    "user=" + username + "; after " + failures + " failed logins; until " + until);
            log.warn("Locked user {} after {} failed logins", username, failures);
            return locked(until, now);
        }
        store.save(User.newBuilder(latest).setFailedLogins(failures).build());
        return wrong.get();
    }

    /** Tokens issued from the next millisecond on stay valid: revocation wins a tie. */
    private static Instant revocationTime() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    private void requireAnotherAdmin(User before, User after) {
        boolean wasAdmin = before.getEnabled() && before.getRoles().contains(Roles.ADMIN);
        boolean staysAdmin = after != null && after.getEnabled() && after.getRoles().contains(Roles.ADMIN);
        if (wasAdmin && !staysAdmin && store.all().stream().noneMatch(u -> !u.getUsername().equals(before.getUsername())
                && u.getEnabled() && u.getRoles().contains(Roles.ADMIN))) {
            throw new ApiException(ErrorCode.LAST_ADMIN, "This is the last enabled administrator: create another first");
        }
    }

    /**
     * The SUBMITTER role lets an account read causes of death: each grant is its own high-severity event in the trail
     * ({@link UserChange#SUBMITTER_GRANTED}, for auditors to review) and a warning in the log.
     */
    private void submitterGranted(Caller actor, User user) {
        changed(actor, UserChange.SUBMITTER_GRANTED, user.getUsername(), "severity=high; organisation=" + user.getOrganisation());
        log.warn("Administrator {} gave user {} of organisation {} the SUBMITTER role", actor.username(),
                user.getUsername(), user.getOrganisation());
    }

    /** Recorded before the change is stored: a change the trail cannot record is refused (VL-1119). */
    private void changed(Caller actor, UserChange change, String username, String detail) {
        audit.userChange(actor.username(), actor.organisation(), actor.sourceIp(), change,
                "user=" + username + (detail == null ? "" : "; " + detail));
    }

    private static ApiException locked(Instant until, Instant now) {
        return new ApiException(ErrorCode.ACCOUNT_LOCKED, "Too many failed logins: this account is locked until " + until)
                .retryAfter(Duration.between(now, until));
    }

    private static ApiException wrongCurrentPassword() {
        return new ApiException(ErrorCode.WRONG_CURRENT_PASSWORD, "The current password is wrong", null, "currentPassword");
    }

    private static ApiException badCredentials() {
        return new ApiException(ErrorCode.BAD_CREDENTIALS, "Unknown username or wrong password");
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.USER_NOT_FOUND, "No user with this username");
    }
}
