package io.vitalink.loader;

import io.vitalink.id.ResidentIds;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Resident IDs for tests: made-up region codes and sequences, with a correct check character. */
final class TestIds {

    /** Born 1949-12-31, woman (even sequence 002); check character X. */
    static final String WOMAN_1949 = valid("11010519491231002");
    /** Born 1950-03-07, man. */
    static final String MAN_1950 = valid("44030419500307001");
    /** Born 1962-08-15, man. */
    static final String MAN_1962 = valid("32010219620815123");

    private TestIds() {
    }

    static String valid(String first17) {
        return first17 + ResidentIds.checkCharacter(first17);
    }

    /** A valid ID of someone born on {@code birth}, a man (odd sequence) or a woman (even sequence). */
    static String bornOn(LocalDate birth, boolean man) {
        return valid("110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + (man ? "011" : "012"));
    }

    /** The same ID with a wrong check character. */
    static String withBadCheck(String valid) {
        char check = valid.charAt(17);
        char wrong = check == '0' ? '1' : '0';
        return valid.substring(0, 17) + wrong;
    }
}
