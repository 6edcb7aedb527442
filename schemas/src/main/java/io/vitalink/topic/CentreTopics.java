package io.vitalink.topic;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The topics of a centre that submits straight into Kafka: {@code centre.<organisation>.<topic>}, one set per
 * organisation, each readable or writable by that centre's principal alone (see {@link #acls}). The matcher takes
 * a record's organisation from the topic it came from, never from its payload; the topics without a prefix are the
 * API's and the services' own.
 */
public final class CentreTopics {

    public static final String PREFIX = "centre.";
    /**
     * Header the matcher sets on every request it reads from a centre's topic (and removes from any other): the
     * organisation whose topic it came from. It travels with the request through the matcher's internal topics.
     */
    public static final String ORIGIN_HEADER = "vl-origin";
    /** The organisation names the API allows (UserPolicy), so that every organisation can have its topics. */
    public static final String ORGANISATION = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** What a centre writes. */
    public static final List<Topic<?, ?>> WRITTEN = List.of(Topics.MATCH_REQUESTS, Topics.JOB_CONTROL);
    /** What a centre reads: its results, its jobs' progress and its dead letters. */
    public static final List<Topic<?, ?>> READ = List.of(Topics.MATCH_RESULTS, Topics.JOB_PROGRESS, Topics.MATCH_REQUESTS_DLQ);
    public static final List<Topic<?, ?>> ALL = List.of(Topics.MATCH_REQUESTS, Topics.JOB_CONTROL, Topics.MATCH_RESULTS,
            Topics.JOB_PROGRESS, Topics.MATCH_REQUESTS_DLQ);

    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(" + ORGANISATION + ")\\.(.+)");
    private static final Pattern VALID_ORGANISATION = Pattern.compile(ORGANISATION);

    private CentreTopics() {
    }

    /** {@code centre.<organisation>.<shared name>}; refuses an organisation name the API would refuse. */
    public static String name(String organisation, Topic<?, ?> shared) {
        if (!ALL.contains(shared)) {
            throw new IllegalArgumentException("a centre has no own " + shared.name() + " topic");
        }
        return PREFIX + requireOrganisation(organisation) + "." + shared.name();
    }

    public static String requireOrganisation(String organisation) {
        if (organisation == null || !VALID_ORGANISATION.matcher(organisation).matches()) {
            throw new IllegalArgumentException("not an organisation name: " + organisation);
        }
        return organisation;
    }

    /** The shared topic and every centre's copy of it, for a pattern subscription. */
    public static Pattern sharedOrAnyCentre(Topic<?, ?> shared) {
        return Pattern.compile("(" + Pattern.quote(PREFIX) + ORGANISATION + "\\.)?" + Pattern.quote(shared.name()));
    }

    /** The organisation whose topic {@code topic} is, or empty for a topic without the centre prefix. */
    public static Optional<String> organisationOf(String topic) {
        Matcher matcher = NAME.matcher(topic);
        if (!matcher.matches() || ALL.stream().noneMatch(t -> t.name().equals(matcher.group(2)))) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    /**
     * What the broker grants a centre's principal (e.g. {@code User:centre-a}): WRITE on its requests and control
     * topics, READ on its results, progress and dead letters, DESCRIBE on all of them, READ on consumer groups named
     * {@code <organisation>.*}; nothing on any other topic.
     */
    public static List<AclBinding> acls(String organisation, String principal) {
        List<AclBinding> acls = new java.util.ArrayList<>();
        for (Topic<?, ?> topic : ALL) {
            String name = name(organisation, topic);
            acls.add(allow(ResourceType.TOPIC, name, PatternType.LITERAL, principal, AclOperation.DESCRIBE));
            acls.add(allow(ResourceType.TOPIC, name, PatternType.LITERAL, principal,
                    WRITTEN.contains(topic) ? AclOperation.WRITE : AclOperation.READ));
        }
        acls.add(allow(ResourceType.GROUP, organisation + ".", PatternType.PREFIXED, principal, AclOperation.READ));
        return List.copyOf(acls);
    }

    private static AclBinding allow(ResourceType type, String name, PatternType patternType, String principal,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
