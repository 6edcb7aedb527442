package io.vitalink.api.intake;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.MatchRequest;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.text.AsciiDigits;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Checks one record's shape and builds its request. The resident ID itself is not checked here: the
 * matcher does that and answers INVALID. Messages never quote the value, which may be patient data.
 */
public final class RecordValidator {

    public static final int MAX_RECORD_ID = 128;
    public static final int MAX_TEXT = 64;
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private RecordValidator() {
    }

    /** @param csvNames whether errors name fields by CSV column rather than JSON name */
    public static MatchRequest toRequest(String jobId, RawRecord raw, boolean csvNames) {
        String recordId = raw.recordId();
        if (recordId == null || recordId.isBlank()) {
            throw invalid(raw, RecordFields.RECORD_ID, csvNames, "is required");
        }
        if (recordId.length() > MAX_RECORD_ID) {
            throw invalid(raw, RecordFields.RECORD_ID, csvNames, "is longer than " + MAX_RECORD_ID + " characters");
        }
        if (isResidentId(recordId)) {
            throw invalid(raw, RecordFields.RECORD_ID, csvNames,
                    "is a resident ID: the recordId is kept in clear, use the centre's own record number");
        }
        String idNumber = optionalText(raw, raw.idNumber(), RecordFields.ID_NUMBER, csvNames);
        String name = optionalText(raw, raw.name(), RecordFields.NAME, csvNames);
        String idType = optionalText(raw, raw.idType(), RecordFields.ID_TYPE, csvNames);
        String sex = blankToNull(raw.sex());
        if (sex != null) {
            sex = sex.strip().toUpperCase(Locale.ROOT);
            if (!sex.equals("M") && !sex.equals("F") && !sex.equals("U")) {
                throw invalid(raw, RecordFields.SEX, csvNames, "must be M, F or U");
            }
        }
        LocalDate birthDate = null;
        String birth = blankToNull(raw.birthDate());
        if (birth != null) {
            try {
                birthDate = parseDate(birth.strip());
            } catch (DateTimeException e) {
                throw invalid(raw, RecordFields.BIRTH_DATE, csvNames, "must be a date as yyyy-MM-dd");
            }
        }
        return MatchRequest.newBuilder()
                .setJobId(jobId)
                .setRecordId(recordId)
                .setIdNumber(idNumber)
                .setName(name)
                .setSex(sex)
                .setBirthDate(birthDate)
                .setIdType(idType)
                .build();
    }

    /** Whether the text is a valid resident ID in any of its written forms; most recordIds have too few digits to be one. */
    static boolean isResidentId(String text) {
        int digits = 0;
        for (int i = 0; i < text.length() && digits < ResidentIds.LEGACY_LENGTH; i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits >= ResidentIds.LEGACY_LENGTH
                && ResidentIds.check(text, LocalDate.now(ZoneOffset.UTC)) instanceof IdCheck.Valid;
    }

    /**
     * {@code yyyy-MM-dd}, strictly. The common shape (ten characters, ASCII digits) is read by hand: the formatter
     * was a tenth of a large upload's time; anything else goes to the formatter, which decides as before.
     */
    static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = AsciiDigits.value(text, 0, 4);
            int month = AsciiDigits.value(text, 5, 7);
            int day = AsciiDigits.value(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day); // DateTimeException for a month or day that does not exist
            }
        }
        return LocalDate.parse(text, ISO_DATE);
    }

    private static String optionalText(RawRecord raw, String value, RecordFields field, boolean csvNames) {
        String v = blankToNull(value);
        if (v != null && v.length() > MAX_TEXT) {
            throw invalid(raw, field, csvNames, "is longer than " + MAX_TEXT + " characters");
        }
        return v;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ApiException invalid(RawRecord raw, RecordFields field, boolean csvNames, String what) {
        String name = csvNames ? field.csv() : field.json();
        return new ApiException(ErrorCode.INVALID_FIELD, "Field " + name + " " + what + " (line " + raw.line() + ")",
                raw.line(), name);
    }
}
