package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The blocking key of the probable search: birth date and sex, e.g. {@code 19491231|M}. Only deaths
 * in the same block as a request are scored against it. Where a record lacks a field, a valid
 * resident ID supplies it.
 */
public final class Blocking {

    private static final char SEPARATOR = '|';
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private Blocking() {
    }

    /** @param idIsValid whether the request's idNumber is a normalised valid ID (of any document type) */
    public static String ofRequest(MatchRequest request, boolean idIsValid) {
        String id = idIsValid && isResidentId(request.getIdNumber()) ? request.getIdNumber() : null;
        return key(request.getBirthDate() != null ? request.getBirthDate() : birthDateOf(id),
                Comparison.sex(request.getSex()) != null ? Comparison.sex(request.getSex()) : sexOf(id));
    }

    public static String ofDeath(DeathRecord death) {
        String id = isResidentId(death.getIdNumber())
                && ResidentIds.check(death.getIdNumber(), LocalDate.MAX) instanceof IdCheck.Valid ? death.getIdNumber() : null;
        return key(death.getBirthDate() != null ? death.getBirthDate() : birthDateOf(id),
                Comparison.sex(death.getSex()) != null ? Comparison.sex(death.getSex()) : sexOf(id));
    }

    /** The key of a death in the block index; all deaths of a block share its prefix. */
    public static String indexKey(String block, String id) {
        return block + SEPARATOR + id;
    }

    public static String prefix(String block) {
        return block + SEPARATOR;
    }

    /** The block an index key or a block key belongs to. */
    public static String blockOf(String key) {
        int second = key.indexOf(SEPARATOR, key.indexOf(SEPARATOR) + 1);
        return second < 0 ? key : key.substring(0, second);
    }

    private static String key(LocalDate birthDate, String sex) {
        return birthDate == null || sex == null ? null : birthDate.format(BASIC) + SEPARATOR + sex;
    }

    private static LocalDate birthDateOf(String validId) {
        return validId == null ? null : ResidentIds.birthDate(validId);
    }

    private static String sexOf(String validId) {
        return validId == null ? null : ResidentIds.sex(validId);
    }

    /** Other document types are keyed {@code TYPE:number}; only a resident ID encodes birth date and sex. */
    private static boolean isResidentId(String id) {
        return id != null && id.length() == ResidentIds.LENGTH && id.indexOf(':') < 0;
    }
}
