package io.vitalink.api.testing;

import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.user.NewUser;
import io.vitalink.api.user.UserService;
import java.util.List;

/** Users the tests log in as; all share one password. */
public final class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String SECRET = "test-signing-secret-of-at-least-32-bytes-0123456789";

    public static final String ADMIN = "admin";
    public static final String SUBMITTER_A = "submitter-a";
    public static final String SUBMITTER_B = "submitter-b";
    public static final String AUDITOR = "auditor";
    public static final String CENTRE_A = "centre-a";
    public static final String CENTRE_B = "centre-b";

    private TestUsers() {
    }

    /** The standard cast: an admin, a submitter in each of two organisations, an auditor. */
    public static void createStandard(UserService users) {
        create(users, ADMIN, "vitalink", Roles.ADMIN);
        create(users, SUBMITTER_A, CENTRE_A, Roles.SUBMITTER);
        create(users, SUBMITTER_B, CENTRE_B, Roles.SUBMITTER);
        create(users, AUDITOR, "cdc", Roles.AUDITOR);
    }

    /** Access tokens of the standard cast, logged in through {@code http}. */
    public record Tokens(String submitterA, String submitterB, String auditor, String admin) {

        public static Tokens logIn(Http http) {
            return new Tokens(http.token(SUBMITTER_A, PASSWORD), http.token(SUBMITTER_B, PASSWORD),
                    http.token(AUDITOR, PASSWORD), http.token(ADMIN, PASSWORD));
        }
    }

    public static void create(UserService users, String username, String organisation, String... roles) {
        users.createIfAbsent(Caller.system("test"), new NewUser(username, null, organisation, List.of(roles), true, PASSWORD));
    }
}
