package io.vitalink.api.user;

import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.audit.UserChange;
import io.vitalink.api.auth.JwtSettings;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.Session;
import io.vitalink.avro.User;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions: one per password login, kept on the user in the {@code users} topic so that every instance knows them.
 * Each refresh rotates the session's refresh token; presenting one that was already rotated away is taken for a
 * stolen token and ends the session (reuse detection). No token of a session outlives its maximum age from the
 * login, and logout ends it at once: its access tokens carry its id and are refused once it is gone.
 */
@Singleton
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    /** A session just opened or rotated, with the user as stored after it. */
    public record Opened(User user, Session session) {
    }

    /** Open sessions kept per user; a new login beyond them ends the oldest. */
    static final int MAX_SESSIONS = 32;

    private final UserService users;
    private final AuditLog audit;
    private final Duration maxAge;

    public Sessions(UserService users, AuditLog audit, JwtSettings settings) {
        this.users = users;
        this.audit = audit;
        this.maxAge = settings.sessionMaxAge();
    }

    /** Opens a session for a user whose password was just checked. */
    public Opened open(String username) {
        Instant now = Instant.now();
        Session session = new Session(UUID.randomUUID().toString(), now, UUID.randomUUID().toString());
        User user = users.modify(username, current -> {
            List<Session> live = new ArrayList<>(live(current, now));
            while (live.size() >= MAX_SESSIONS) {
                live.remove(0); // the oldest: a client that logs in for every call keeps a bounded record
            }
            live.add(session);
            return User.newBuilder(current).setSessions(live).build();
        });
        return new Opened(user, session);
    }

    /**
     * Rotates the session's refresh token, if {@code refreshId} is its current one.
     *
     * @throws ApiException VL-1115 when the session has ended, reached its maximum age, or the token was used before
     */
    public Opened rotate(String username, String sessionId, String refreshId, String sourceIp) {
        Instant now = Instant.now();
        AtomicReference<String> refusal = new AtomicReference<>();
        AtomicReference<Session> rotated = new AtomicReference<>();
        User user = users.modify(username, current -> {
            Session session = find(current, sessionId).orElse(null);
            if (session == null) {
                refusal.set("The session has ended (logged out, or ended elsewhere): log in again");
                return current;
            }
            if (expired(session, now)) {
                refusal.set("The session reached its maximum age of " + maxAge + ": log in again");
                return without(current, sessionId);
            }
            if (!session.getRefreshId().equals(refreshId)) {
                refusal.set(REUSED);
                return without(current, sessionId);
            }
            Session next = new Session(sessionId, session.getStartedAt(), UUID.randomUUID().toString());
            rotated.set(next);
            List<Session> sessions = new ArrayList<>(live(without(current, sessionId), now));
            sessions.add(next);
            return User.newBuilder(current).setSessions(sessions).build();
        });
        if (REUSED.equals(refusal.get())) {
            log.warn("A refresh token of user {} was used a second time: its session is ended", username);
            audit.securityEvent(username, user.getOrganisation(), sourceIp, UserChange.SESSION_REUSE_DETECTED,
                    "user=" + username + "; a rotated refresh token was presented again: the session is ended");
        }
        if (refusal.get() != null) {
            throw new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, refusal.get());
        }
        return new Opened(user, rotated.get());
    }

    /** Ends a session; nothing happens when it has ended already. */
    public void close(String username, String sessionId) {
        users.modify(username, current -> find(current, sessionId).isPresent() ? without(current, sessionId) : current);
    }

    /** The user when a token issued at {@code issuedAtMillis} in session {@code sessionId} is still good. */
    public Optional<User> activeUser(String username, long issuedAtMillis, String sessionId) {
        Instant now = Instant.now();
        return users.activeUser(username, issuedAtMillis)
                .filter(user -> find(user, sessionId).filter(session -> !expired(session, now)).isPresent());
    }

    private static final String REUSED = "This refresh token was used before: the session is ended; log in again";

    private boolean expired(Session session, Instant now) {
        return !session.getStartedAt().plus(maxAge).isAfter(now);
    }

    private List<Session> live(User user, Instant now) {
        return user.getSessions().stream().filter(s -> !expired(s, now)).toList();
    }

    private static Optional<Session> find(User user, String sessionId) {
        return sessionId == null ? Optional.empty()
                : user.getSessions().stream().filter(s -> s.getId().equals(sessionId)).findFirst();
    }

    private static User without(User user, String sessionId) {
        return User.newBuilder(user)
                .setSessions(user.getSessions().stream().filter(s -> !s.getId().equals(sessionId)).toList()).build();
    }
}
