package io.vitalink.local;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One synthetic death-registry row.
 *
 * @param sex             M or F, as encoded in the ID's sequence digits
 * @param age             whole years between birth and death
 * @param otherDiagnoses  other diagnoses as one string ("高血压 I10; 2型糖尿病 E11.9"), or null when there are none
 */
public record SampleDeath(
        String name,
        String idNumber,
        String sex,
        LocalDate birthDate,
        int age,
        LocalDate deathDate,
        String deathPlace,
        String directCause,
        String directCauseIcd10,
        String otherDiagnoses) {

    public SampleDeath {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(deathDate, "deathDate");
    }
}
