package io.vitalink.match.rules;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.id.Sex;
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
        return key(request.getBirthDate(), Sex.normalise(request.getSex()), idIsValid ? request.getIdNumber() : null);
    }

    /** Whether a death's block needs its ID: it lacks the birth date or the sex. */
    public static boolean needsId(DeathRecord death) {
        return death.getBirthDate() == null || Sex.normalise(death.getSex()) == null;
    }

    /**
     * @param id the death's normalised ID (its key), or null when {@link #needsId} says it is not needed: the
     *        record's own {@code idNumber} may still be sealed
     */
    public static String ofDeath(String id, DeathRecord death) {
        return key(death.getBirthDate(), Sex.normalise(death.getSex()), id);
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

    /** Fields first; only when one is missing is the ID checked, and a valid resident ID fills it in. */
    private static String key(LocalDate birthDate, String sex, String id) {
        if ((birthDate == null || sex == null) && isResidentId(id)) {
            birthDate = birthDate != null ? birthDate : ResidentIds.birthDate(id);
            sex = sex != null ? sex : ResidentIds.sex(id);
        }
        return birthDate == null || sex == null ? null : birthDate.format(BASIC) + SEPARATOR + sex;
    }

    /** Other document types are keyed {@code TYPE:number}; only a resident ID encodes birth date and sex. */
    private static boolean isResidentId(String id) {
        return ResidentIds.check(id, LocalDate.MAX) instanceof IdCheck.Valid valid && valid.id().equals(id);
    }
}
