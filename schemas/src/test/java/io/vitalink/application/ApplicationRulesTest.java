package io.vitalink.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.Application;
import io.vitalink.avro.ApplicationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApplicationRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    static Application application(String id, String organisation, ApplicationStatus status, LocalDate from, LocalDate until,
                                   String... approved) {
        return Application.newBuilder().setApplicationId(id).setOrganisation(organisation).setSubmittedBy("someone")
                .setPurpose("survival statistics").setLegalBasis("registry law §5").setExpectedCohortSize(1000)
                .setRequestedFields(List.of("DEATH_DATE", "CAUSES", "PLACE")).setApprovedFields(List.of(approved))
                .setValidFrom(from).setValidUntil(until).setStatus(status)
                .setSubmittedAt(Instant.EPOCH).setUpdatedAt(Instant.EPOCH).build();
    }

    static Application approved(String id, String organisation, String... fields) {
        return application(id, organisation, ApplicationStatus.APPROVED, TODAY.minusDays(30), TODAY.plusDays(30), fields);
    }

    static ApplicationCheck resolve(String organisation, String named, Application... known) {
        Map<String, Application> byId = List.of(known).stream().collect(Collectors.toMap(Application::getApplicationId, a -> a));
        return ApplicationRules.resolve(organisation, named, byId::get, List.of(known), TODAY);
    }

    static Refusal refusal(ApplicationCheck check) {
        assertThat(check).isInstanceOf(ApplicationCheck.Refused.class);
        return ((ApplicationCheck.Refused) check).refusal();
    }

    @Test
    void takesTheOrganisationsSingleActiveApplicationWhenNoneIsNamed() {
        Application mine = approved("a1", "centre-a", "DEATH_DATE", "CAUSES");

        ApplicationCheck check = resolve("centre-a", null, mine, approved("b1", "centre-b", "DEATH_DATE"),
                application("a0", "centre-a", ApplicationStatus.REVOKED, TODAY.minusDays(90), TODAY.plusDays(90), "DEATH_DATE"));

        assertThat(check).isEqualTo(new ApplicationCheck.Allowed(mine, Set.of(FieldGroup.DEATH_DATE, FieldGroup.CAUSES)));
    }

    @Test
    void refusesAJobOfAnOrganisationWithoutApplication() {
        assertThat(refusal(resolve("centre-a", null, approved("b1", "centre-b", "DEATH_DATE"))))
                .isEqualTo(Refusal.NO_ACTIVE_APPLICATION);
        assertThat(refusal(resolve("centre-a", null))).isEqualTo(Refusal.NO_ACTIVE_APPLICATION);
    }

    @Test
    void refusesAnExpiredApplicationFromTheDayAfterItsValidUntil() {
        Application endsToday = application("a1", "centre-a", ApplicationStatus.APPROVED, TODAY.minusDays(10), TODAY, "DEATH_DATE");
        Application endedYesterday = application("a2", "centre-a", ApplicationStatus.APPROVED, TODAY.minusDays(10),
                TODAY.minusDays(1), "DEATH_DATE");

        assertThat(resolve("centre-a", "a1", endsToday)).isInstanceOf(ApplicationCheck.Allowed.class);
        assertThat(refusal(resolve("centre-a", "a2", endedYesterday))).isEqualTo(Refusal.EXPIRED);
        assertThat(refusal(resolve("centre-a", null, endedYesterday))).isEqualTo(Refusal.NO_ACTIVE_APPLICATION);
        assertThat(ApplicationRules.stateOf(endedYesterday, TODAY)).isEqualTo(ApplicationState.EXPIRED);
    }

    @Test
    void refusesAnApplicationNotValidYet() {
        Application later = application("a1", "centre-a", ApplicationStatus.APPROVED, TODAY.plusDays(1), TODAY.plusDays(9), "DEATH_DATE");

        assertThat(refusal(resolve("centre-a", "a1", later))).isEqualTo(Refusal.NOT_YET_VALID);
        assertThat(refusal(resolve("centre-a", null, later))).isEqualTo(Refusal.NO_ACTIVE_APPLICATION);
    }

    @Test
    void refusesARevokedApplication() {
        Application revoked = application("a1", "centre-a", ApplicationStatus.REVOKED, TODAY.minusDays(1), TODAY.plusDays(9), "DEATH_DATE");

        assertThat(refusal(resolve("centre-a", "a1", revoked))).isEqualTo(Refusal.REVOKED);
        assertThat(refusal(resolve("centre-a", null, revoked))).isEqualTo(Refusal.NO_ACTIVE_APPLICATION);
    }

    @Test
    void refusesARejectedOrUndecidedApplication() {
        Application rejected = application("a1", "centre-a", ApplicationStatus.REJECTED, TODAY.minusDays(1), TODAY.plusDays(9));
        Application waiting = application("a2", "centre-a", ApplicationStatus.SUBMITTED, TODAY.minusDays(1), TODAY.plusDays(9));

        assertThat(refusal(resolve("centre-a", "a1", rejected, waiting))).isEqualTo(Refusal.NOT_APPROVED);
        assertThat(refusal(resolve("centre-a", "a2", rejected, waiting))).isEqualTo(Refusal.NOT_APPROVED);
        assertThat(refusal(resolve("centre-a", null, rejected, waiting))).isEqualTo(Refusal.NO_ACTIVE_APPLICATION);
    }

    @Test
    void refusesAnotherOrganisationsApplicationAsIfItDidNotExist() {
        Application theirs = approved("b1", "centre-b", "DEATH_DATE", "CAUSES");

        assertThat(refusal(resolve("centre-a", "b1", theirs))).isEqualTo(Refusal.UNKNOWN_APPLICATION);
        assertThat(refusal(resolve("centre-a", "nope", theirs))).isEqualTo(Refusal.UNKNOWN_APPLICATION);
    }

    @Test
    void refusesToGuessAmongSeveralActiveApplicationsButTakesTheOneNamed() {
        Application one = approved("a1", "centre-a", "DEATH_DATE");
        Application two = approved("a2", "centre-a", "DEATH_DATE", "PLACE");

        assertThat(refusal(resolve("centre-a", null, one, two))).isEqualTo(Refusal.SEVERAL_ACTIVE);
        assertThat(resolve("centre-a", "a2", one, two))
                .isEqualTo(new ApplicationCheck.Allowed(two, Set.of(FieldGroup.DEATH_DATE, FieldGroup.PLACE)));
    }

    @Test
    void alwaysGrantsTheDeathDateAndIgnoresGroupsItDoesNotKnow() {
        assertThat(FieldGroup.of(List.of("CAUSES", "SHOE_SIZE"))).containsExactlyInAnyOrder(FieldGroup.DEATH_DATE, FieldGroup.CAUSES);
        assertThat(FieldGroup.of(null)).containsExactly(FieldGroup.DEATH_DATE);
    }

    @Test
    void everyRefusalHasItsOwnCodeInTheReservedRanges() {
        assertThat(List.of(Refusal.values())).extracting(Refusal::apiCode).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(Integer.parseInt(code.substring(3))).isBetween(1600, 1619));
        assertThat(List.of(Refusal.values())).extracting(Refusal::matcherCode).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(Integer.parseInt(code.substring(3))).isBetween(4010, 4019));
    }
}
