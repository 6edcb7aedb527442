package io.vitalink.local;

import io.micronaut.context.ApplicationContext;
import io.vitalink.api.application.ApplicationService;
import io.vitalink.api.application.Decision;
import io.vitalink.api.application.NewApplication;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.avro.Application;
import io.vitalink.avro.ApplicationStatus;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.List;
import java.util.Set;

/**
 * The fixture of every system test whose centre submits jobs to an API started in-process without a {@link LocalStack}
 * (a {@link LocalStack} has {@link LocalStack#approveApplication}, over HTTP): the organisation's data-use
 * application (申请审批), filed by a submitter of it and approved by an APPROVER of the registry holder, through the
 * API's own service and so its audit trail and its {@code applications} topic.
 */
final class Applications {

    static final List<String> EVERY_FIELD = SampleApplication.EVERY_FIELD;

    private Applications() {
    }

    /**
     * For a test with a broker and match-streams but no API: an application of {@code organisation} granting
     * {@code fields}, approved, written to the {@code applications} topic as the API writes it.
     *
     * @return its id
     */
    static String writeApproved(String bootstrapServers, String organisation, List<String> fields) throws Exception {
        LocalDate today = LocalDate.now(ApplicationService.ZONE);
        Application approved = Application.newBuilder().setApplicationId(java.util.UUID.randomUUID().toString())
                .setOrganisation(organisation).setSubmittedBy(organisation + "-it").setPurpose("System test of " + organisation)
                .setLegalBasis("Test data only").setExpectedCohortSize(1_000).setRequestedFields(fields).setApprovedFields(fields)
                .setValidFrom(today.minusDays(1)).setValidUntil(today.plusYears(1)).setStatus(ApplicationStatus.APPROVED)
                .setSubmittedAt(Instant.now()).setDecidedBy("registry-approver-it").setDecidedAt(Instant.now())
                .setUpdatedAt(Instant.now()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), approved.getApplicationId(),
                    Codecs.APPLICATION.encode(approved))).get();
        }
        return approved.getApplicationId();
    }

    /** @return the id of a new application of {@code organisation} granting {@code fields}, approved as requested */
    static String approve(ApplicationContext api, String organisation, List<String> fields) {
        ApplicationService applications = api.getBean(ApplicationService.class);
        LocalDate today = applications.today();
        String id = applications.file(new Caller(organisation + "-it", organisation, Set.of(Roles.SUBMITTER), "127.0.0.1"),
                new NewApplication("System test of " + organisation, "Test data only", null, 1_000L, fields,
                        today.minusDays(1).toString(), today.plusYears(1).toString())).getApplicationId();
        applications.approve(new Caller("registry-approver-it", "registry", Set.of(Roles.APPROVER), "127.0.0.1"), id,
                Decision.because("system test"));
        return id;
    }
}
