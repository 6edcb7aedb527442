package io.vitalink.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class CentreTopicsTest {

    @Test
    void namesACentresTopicsAfterItsOrganisationAndReadsTheOrganisationBack() {
        String name = CentreTopics.name("centre.a-1", Topics.MATCH_REQUESTS);

        assertThat(name).isEqualTo("centre.centre.a-1.match-requests");
        assertThat(CentreTopics.organisationOf(name)).contains("centre.a-1");
        assertThat(CentreTopics.organisationOf(CentreTopics.name("x", Topics.MATCH_REQUESTS_DLQ))).contains("x");
    }

    @Test
    void seesNoOrganisationInASharedOrUnknownTopic() {
        assertThat(CentreTopics.organisationOf("match-requests")).isEmpty();
        assertThat(CentreTopics.organisationOf("centre.a.death-records")).isEmpty();
        assertThat(CentreTopics.organisationOf("centre..match-requests")).isEmpty();
    }

    @Test
    void refusesTopicsACentreDoesNotHaveAndOrganisationsTheApiWouldRefuse() {
        assertThatThrownBy(() -> CentreTopics.name("a", Topics.DEATH_RECORDS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CentreTopics.name("a b", Topics.MATCH_RESULTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CentreTopics.name("-a", Topics.MATCH_RESULTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CentreTopics.name(null, Topics.MATCH_RESULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscribesToTheSharedTopicAndEveryCentresCopyButNothingElse() {
        Pattern requests = CentreTopics.sharedOrAnyCentre(Topics.MATCH_REQUESTS);

        assertThat(requests.matcher("match-requests").matches()).isTrue();
        assertThat(requests.matcher("centre.centre-a.match-requests").matches()).isTrue();
        assertThat(requests.matcher("centre.centre-a.match-requests-dlq").matches()).isFalse();
        assertThat(requests.matcher("vitalink-match-requests-by-id-repartition").matches()).isFalse();
        assertThat(requests.matcher("xmatch-requests").matches()).isFalse();
    }

    @Test
    void grantsACentreWriteOnWhatItSendsAndReadOnWhatItGetsBackOfItsOwnTopicsOnly() {
        assertThat(CentreTopics.acls("centre-a", "User:centre-a"))
                .allSatisfy(acl -> assertThat(acl.entry().principal()).isEqualTo("User:centre-a"))
                .filteredOn(acl -> acl.pattern().resourceType() == ResourceType.TOPIC)
                .allSatisfy(acl -> {
                    assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
                    assertThat(acl.pattern().name()).startsWith("centre.centre-a.");
                })
                .extracting(acl -> acl.pattern().name() + " " + acl.entry().operation())
                .contains("centre.centre-a.match-requests WRITE", "centre.centre-a.job-control WRITE",
                        "centre.centre-a.match-results READ", "centre.centre-a.job-progress READ",
                        "centre.centre-a.match-requests-dlq READ")
                .doesNotContain("centre.centre-a.match-results WRITE", "centre.centre-a.match-requests READ");
        assertThat(CentreTopics.acls("centre-a", "User:centre-a")).filteredOn(acl -> acl.pattern().resourceType() == ResourceType.GROUP)
                .extracting(AclBinding::pattern).singleElement()
                .satisfies(group -> assertThat(group.name() + " " + group.patternType()).isEqualTo("centre-a. PREFIXED"));
        assertThat(CentreTopics.acls("centre-a", "User:centre-a")).extracting(acl -> acl.entry().operation())
                .doesNotContain(AclOperation.ALL, AclOperation.ALTER, AclOperation.CREATE, AclOperation.DELETE);
    }
}
