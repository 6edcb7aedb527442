package io.vitalink.api.intake;

/** One record as submitted, before validation. {@code line} is 1-based, where the record starts. */
public record RawRecord(long line, String recordId, String idNumber, String name, String sex, String birthDate,
                        String idType) {
}
