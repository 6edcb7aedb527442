package io.vitalink.bench;

import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/** What the broker and each instance's management port say about the match-streams instances of a run. */
final class MatcherGroup {

    private static final String GROUP = StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    /** Micrometer's Prometheus name of {@code vitalink.match.decisions}, one series per outcome. */
    private static final Pattern DECISIONS = Pattern.compile("(?m)^vitalink_match_decisions_total\\{[^}]*} ([0-9.eE+]+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MatcherGroup() {
    }

    /**
     * Waits until {@code instances} members (one process each, however many stream threads) share every partition of
     * match-requests, as {@code kafka-consumer-groups.sh --describe} would show; returns partitions per member.
     */
    static Map<String, Integer> awaitSharing(Admin admin, int instances, int partitions, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> members = requestPartitionsByInstance(admin);
        while (members.size() != instances || members.values().stream().mapToInt(Integer::intValue).sum() != partitions
                || members.containsValue(0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + instances + " match-streams instances sharing "
                        + partitions + " partitions of match-requests, the group shows " + members);
            }
            TimeUnit.MILLISECONDS.sleep(500);
            members = requestPartitionsByInstance(admin);
        }
        return members;
    }

    private static Map<String, Integer> requestPartitionsByInstance(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(java.util.List.of(GROUP)).all()
                .get(30, TimeUnit.SECONDS).get(GROUP);
        Map<String, Integer> byInstance = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            // one consumer per stream thread; its client id names the instance (process id) and the thread
            String instance = member.clientId().replaceAll("-StreamThread-\\d+-consumer$", "");
            int owned = (int) member.assignment().topicPartitions().stream().map(TopicPartition::topic)
                    .filter(Topics.MATCH_REQUESTS.name()::equals).count();
            byInstance.merge(instance, owned, Integer::sum);
        }
        return byInstance;
    }

    /** The requests this instance decided since it started: the sum of its decisions counter over all outcomes. */
    static long decisions(URI management) throws IOException, InterruptedException {
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(management.resolve("/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (scrape.statusCode() != 200) {
            throw new IllegalStateException(management + "/prometheus answered " + scrape.statusCode());
        }
        return decisionsIn(scrape.body());
    }

    static long decisionsIn(String prometheusText) {
        Matcher series = DECISIONS.matcher(prometheusText);
        double sum = 0;
        while (series.find()) {
            sum += Double.parseDouble(series.group(1));
        }
        return Math.round(sum);
    }
}
