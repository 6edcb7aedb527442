package io.vitalink.local;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One synthetic death-registry row.
 *
 * @param sex             M or F, as encoded in the ID's sequence digits
 * @param age             whole years between birth and death
 * @param directCause     the cause the old export format has; with a certificate, line (a) of Part I
 * @param otherDiagnoses  other diagnoses as one string ("高血压 I10; 2型糖尿病 E11.9"), or null when there are none;
 *                        with a certificate, Part II's texts alone ("高血压; 2型糖尿病")
 * @param certificate     the rest of the death certificate, or null for a row of the old export format
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
        String otherDiagnoses,
        SampleCertificate certificate) {

    public SampleDeath {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(deathDate, "deathDate");
    }

    /** A row of the old export format, without certificate. */
    public SampleDeath(String name, String idNumber, String sex, LocalDate birthDate, int age, LocalDate deathDate,
            String deathPlace, String directCause, String directCauseIcd10, String otherDiagnoses) {
        this(name, idNumber, sex, birthDate, age, deathDate, deathPlace, directCause, directCauseIcd10, otherDiagnoses,
                null);
    }
}
