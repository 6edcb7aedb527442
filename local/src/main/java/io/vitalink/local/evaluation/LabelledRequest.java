package io.vitalink.local.evaluation;

import java.time.LocalDate;

/**
 * One request of the evaluation set with its truth.
 *
 * @param truthId the registry key of the person's death, null when the person is alive
 */
public record LabelledRequest(String recordId, String idNumber, String name, String sex, LocalDate birthDate,
                              Scenario scenario, String truthId) {
}
