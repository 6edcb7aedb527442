package io.vitalink.api.user;

import io.vitalink.api.auth.Roles;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a username, organisation, role set and password must look like. */
public final class UserPolicy {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Argon2 takes any length; a bound keeps one request from costing much. */
    public static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final Pattern ORGANISATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_DISPLAY_NAME = 128;

    private UserPolicy() {
    }

    /** Usernames are case-insensitive: stored and compared in lower case. */
    public static String normalise(String username) {
        return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static void checkUsername(String username) {
        if (!isValidUsername(username)) {
            throw invalid("username", "username must be 1 to 64 of a-z, 0-9, '.', '_', '@', '-', starting with a letter or digit");
        }
    }

    static void checkOrganisation(String organisation) {
        if (organisation == null || !ORGANISATION.matcher(organisation).matches()) {
            throw invalid("organisation", "organisation must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
    }

    static void checkRoles(Collection<String> roles) {
        if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
            throw invalid("roles", "roles must be one or more of ADMIN, SUBMITTER, AUDITOR, APPROVER, REVIEWER");
        }
    }

    static void checkDisplayName(String displayName) {
        if (displayName != null && (displayName.length() > MAX_DISPLAY_NAME || displayName.chars().anyMatch(Character::isISOControl))) {
            throw invalid("displayName", "displayName must be at most " + MAX_DISPLAY_NAME + " characters without control characters");
        }
    }

    /** Length only, as NIST SP 800-63B advises: at least 12 characters (at most 1024). */
    static void checkPassword(String password, String field) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH
                || password.length() > MAX_PASSWORD_LENGTH) {
            throw new ApiException(ErrorCode.WEAK_PASSWORD, "The password must have at least " + MIN_PASSWORD_LENGTH
                    + " characters (at most " + MAX_PASSWORD_LENGTH + ")", null, field);
        }
    }

    private static ApiException invalid(String field, String detail) {
        return new ApiException(ErrorCode.INVALID_USER_FIELD, detail, null, field);
    }
}
