package io.vitalink.config;

/** The keys of the system-config topic: the version in force, and one per version ever made. */
public final class SystemConfigKeys {

    public static final String CURRENT = "current";

    private SystemConfigKeys() {
    }

    public static String versionKey(long version) {
        return String.format("version-%012d", version);
    }
}
