package io.vitalink.local;

import io.vitalink.loader.Condition;
import io.vitalink.loader.PlaceCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a synthetic death of the old export format (one cause, other diagnoses as "高血压 I10; ...") into one as the
 * national death certificate has it: the cause becomes the underlying cause at the bottom of a Part I chain (a cancer
 * ending in respiratory or multiple organ failure, an infarction in cardiogenic shock, ...), Part II is coded. A
 * share of deaths stays in the old format. Draws only from its own {@link Random}, so the generators' names, IDs
 * and dates do not change.
 */
public final class SampleCertificates {

    /** Per cent of deaths left in the old format, without certificate. */
    static final int OLD_FORMAT = 20;

    private static final Condition RESPIRATORY_FAILURE = new Condition("呼吸衰竭", "J96.9", null);
    private static final Condition ORGAN_FAILURE = new Condition("多器官功能衰竭", "R68.8", null);
    private static final Condition SHOCK = new Condition("心源性休克", "R57.0", null);
    private static final Condition PNEUMONIA = new Condition("肺炎", "J18.9", null);
    private static final Condition LIVER_METASTASIS = new Condition("肝继发恶性肿瘤", "C78.7", null);

    private SampleCertificates() {
    }

    /** The death as a certificate, or unchanged (old format) for {@value #OLD_FORMAT} per cent. */
    public static SampleDeath issue(SampleDeath death, Random causes) {
        if (causes.nextInt(100) < OLD_FORMAT || death.directCauseIcd10() == null) {
            return death;
        }
        List<Condition> partOne = partOne(new Condition(death.directCause(), death.directCauseIcd10(), null), causes);
        String[] other = partTwo(death.otherDiagnoses());
        Condition a = partOne.get(0);
        SampleCertificate certificate = new SampleCertificate(a.interval(), partOne.subList(1, partOne.size()), other[1],
                death.directCause(), death.directCauseIcd10(),
                death.idNumber().substring(0, 6) + death.deathDate().getYear() + String.format("%06d", causes.nextInt(1_000_000)),
                death.deathDate().plusDays(causes.nextInt(8)), placeCategory(death.deathPlace()).chinese(),
                death.idNumber().substring(0, 6));
        return new SampleDeath(death.name(), death.idNumber(), death.sex(), death.birthDate(), death.age(),
                death.deathDate(), death.deathPlace(), a.text(), a.icd10(), other[0], certificate);
    }

    /** Part I from line (a) down to the underlying cause, each line with an interval. */
    private static List<Condition> partOne(Condition underlying, Random causes) {
        String code = underlying.icd10();
        List<Condition> lines = new ArrayList<>();
        if (code.startsWith("C")) {
            lines.add(causes.nextBoolean() ? RESPIRATORY_FAILURE : ORGAN_FAILURE);
            if ((code.startsWith("C16") || code.startsWith("C18") || code.startsWith("C25")) && causes.nextInt(3) == 0) {
                lines.add(LIVER_METASTASIS);
            }
        } else if (code.startsWith("I21")) {
            if (causes.nextBoolean()) {
                lines.add(SHOCK);
            }
        } else if (code.startsWith("I6")) {
            if (causes.nextBoolean()) {
                lines.add(PNEUMONIA);
            }
        } else if (code.startsWith("J44")) {
            lines.add(RESPIRATORY_FAILURE);
        }
        lines.add(underlying);
        return withIntervals(lines, causes);
    }

    /**
     * Shorter intervals up the chain: years or months at the underlying cause (hours when an acute disease is the
     * only line), months in between, days at line (a).
     */
    private static List<Condition> withIntervals(List<Condition> lines, Random causes) {
        List<Condition> timed = new ArrayList<>(lines.size());
        int last = lines.size() - 1;
        for (int i = 0; i <= last; i++) {
            Condition line = lines.get(i);
            String interval;
            if (i == last && last == 0 && !line.icd10().startsWith("C")) {
                interval = (1 + causes.nextInt(23)) + "小时";
            } else if (i == last) {
                interval = causes.nextBoolean() ? (1 + causes.nextInt(5)) + "年" : (2 + causes.nextInt(10)) + "月";
            } else if (i == 0) {
                interval = (1 + causes.nextInt(14)) + "天";
            } else {
                interval = (1 + causes.nextInt(6)) + "月";
            }
            timed.add(new Condition(line.text(), line.icd10(), interval));
        }
        return timed;
    }

    /** "高血压 I10; 2型糖尿病 E11.9" → texts "高血压; 2型糖尿病" and codes "I10; E11.9"; nulls for none. */
    private static String[] partTwo(String otherDiagnoses) {
        if (otherDiagnoses == null) {
            return new String[2];
        }
        List<String> texts = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (String diagnosis : otherDiagnoses.split("; ")) {
            int space = diagnosis.lastIndexOf(' ');
            texts.add(diagnosis.substring(0, space));
            codes.add(diagnosis.substring(space + 1));
        }
        return new String[] {String.join("; ", texts), String.join("; ", codes)};
    }

    private static PlaceCategory placeCategory(String place) {
        if (place == null) {
            return PlaceCategory.UNKNOWN;
        }
        return switch (place) {
            case "医院" -> PlaceCategory.HEALTH_FACILITY;
            case "家中" -> PlaceCategory.HOME;
            case "养老院" -> PlaceCategory.CARE_FACILITY;
            case "急救途中" -> PlaceCategory.ON_THE_WAY;
            default -> PlaceCategory.OTHER;
        };
    }
}
