package io.vitalink.loader;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One cleaned row of a death-registry export: trimmed, blanks as null, the ID normalised; {@code certificate} holds
 * the death certificate's further columns ({@link Certificate#NONE} for an export without them).
 * {@link #toString()} hides the ID and the name so that a row can never be logged in clear.
 */
public record DeathRow(
        String idNumber,
        String name,
        String sex,
        LocalDate birthDate,
        Integer age,
        LocalDate deathDate,
        String deathPlace,
        String directCause,
        String directCauseIcd10,
        String otherDiagnoses,
        Certificate certificate) {

    public DeathRow {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(deathDate, "deathDate");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** A row of an export without the certificate's further columns. */
    public DeathRow(String idNumber, String name, String sex, LocalDate birthDate, Integer age, LocalDate deathDate,
            String deathPlace, String directCause, String directCauseIcd10, String otherDiagnoses) {
        this(idNumber, name, sex, birthDate, age, deathDate, deathPlace, directCause, directCauseIcd10, otherDiagnoses,
                Certificate.NONE);
    }

    @Override
    public String toString() {
        return "DeathRow[idNumber=***, name=" + (name == null ? "null" : "***")
                + ", sex=" + sex + ", birthDate=" + birthDate + ", age=" + age + ", deathDate=" + deathDate
                + ", deathPlace=" + deathPlace + ", directCause=" + directCause
                + ", directCauseIcd10=" + directCauseIcd10 + ", otherDiagnoses=" + otherDiagnoses
                + ", certificate=" + certificate + "]";
    }
}
