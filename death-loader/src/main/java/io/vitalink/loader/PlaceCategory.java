package io.vitalink.loader;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** Where a death happened, as the death certificate's place category (死亡地点类别). */
public enum PlaceCategory {
    HEALTH_FACILITY("医疗卫生机构"),
    ON_THE_WAY("来院途中"),
    HOME("家中"),
    CARE_FACILITY("养老服务机构"),
    OTHER("其他场所"),
    UNKNOWN("不详");

    private final String chinese;

    PlaceCategory(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The category written as its name (case-insensitive, e.g. {@code home}) or its Chinese label; else empty. */
    public static Optional<PlaceCategory> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        for (PlaceCategory category : values()) {
            if (category.name().equals(s.toUpperCase(Locale.ROOT)) || category.chinese.equals(s)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
