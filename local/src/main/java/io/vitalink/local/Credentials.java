package io.vitalink.local;

/** A user of the local stack's API. The sample users' passwords are public: the local stack is for development only. */
public record Credentials(String username, String password, String organisation) {

    @Override
    public String toString() {
        return "Credentials[" + username + "]"; // never the password
    }
}
