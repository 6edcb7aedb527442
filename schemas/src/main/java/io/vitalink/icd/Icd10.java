package io.vitalink.icd;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICD-10 codes as death certificates carry them: a letter, two digits, and optionally a dot with one or two more
 * letters or digits (C34, C34.9, I21.01). A code is valid when its three-character category lies in one of WHO's 22
 * chapters. Plain Java: the loader validates with it, the services count by its chapters.
 */
public final class Icd10 {

    /** The 22 chapters of ICD-10 (WHO 2019), each with its first and last category. */
    public enum Chapter {
        I("A00", "B99", "Certain infectious and parasitic diseases", "某些传染病和寄生虫病"),
        II("C00", "D48", "Neoplasms", "肿瘤"),
        III("D50", "D89", "Diseases of the blood and immune mechanism", "血液及造血器官疾病和某些涉及免疫机制的疾患"),
        IV("E00", "E90", "Endocrine, nutritional and metabolic diseases", "内分泌、营养和代谢疾病"),
        V("F00", "F99", "Mental and behavioural disorders", "精神和行为障碍"),
        VI("G00", "G99", "Diseases of the nervous system", "神经系统疾病"),
        VII("H00", "H59", "Diseases of the eye and adnexa", "眼和附器疾病"),
        VIII("H60", "H95", "Diseases of the ear and mastoid process", "耳和乳突疾病"),
        IX("I00", "I99", "Diseases of the circulatory system", "循环系统疾病"),
        X("J00", "J99", "Diseases of the respiratory system", "呼吸系统疾病"),
        XI("K00", "K93", "Diseases of the digestive system", "消化系统疾病"),
        XII("L00", "L99", "Diseases of the skin and subcutaneous tissue", "皮肤和皮下组织疾病"),
        XIII("M00", "M99", "Diseases of the musculoskeletal system and connective tissue", "肌肉骨骼系统和结缔组织疾病"),
        XIV("N00", "N99", "Diseases of the genitourinary system", "泌尿生殖系统疾病"),
        XV("O00", "O99", "Pregnancy, childbirth and the puerperium", "妊娠、分娩和产褥期"),
        XVI("P00", "P96", "Certain conditions originating in the perinatal period", "起源于围生期的某些情况"),
        XVII("Q00", "Q99", "Congenital malformations and chromosomal abnormalities", "先天性畸形、变形和染色体异常"),
        XVIII("R00", "R99", "Symptoms, signs and abnormal findings, not elsewhere classified", "症状、体征和临床与实验室异常所见"),
        XIX("S00", "T98", "Injury, poisoning and certain other consequences of external causes", "损伤、中毒和外因的某些其他后果"),
        XX("V01", "Y98", "External causes of morbidity and mortality", "疾病和死亡的外因"),
        XXI("Z00", "Z99", "Factors influencing health status and contact with health services", "影响健康状态和与保健机构接触的因素"),
        XXII("U00", "U85", "Codes for special purposes", "用于特殊目的的编码");

        private final String first;
        private final String last;
        private final String english;
        private final String chinese;

        Chapter(String first, String last, String english, String chinese) {
            this.first = first;
            this.last = last;
            this.english = english;
            this.chinese = chinese;
        }

        public String first() {
            return first;
        }

        public String last() {
            return last;
        }

        public String english() {
            return english;
        }

        public String chinese() {
            return chinese;
        }

        boolean holds(String category) {
            return category.compareTo(first) >= 0 && category.compareTo(last) <= 0;
        }
    }

    private static final Pattern CODE = Pattern.compile("([A-Z])(\\d{2})(?:\\.?([0-9A-Z]{1,2}))?");
    private static final List<Chapter> CHAPTERS = List.of(Chapter.values());

    private Icd10() {
    }

    /**
     * The code in its canonical form — trimmed, upper case, full-width characters folded, the dot after the category
     * ({@code c349} → {@code C34.9}) — or empty when it is not a code of a known chapter.
     */
    public static Optional<String> normalise(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(code, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
        Matcher m = CODE.matcher(folded);
        if (!m.matches() || chapterOfCategory(m.group(1) + m.group(2)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + m.group(2) + (m.group(3) == null ? "" : "." + m.group(3)));
    }

    /** The three-character category of a canonical code: {@code C34.9} → {@code C34}. */
    public static String category(String canonicalCode) {
        return canonicalCode.substring(0, 3);
    }

    /** The chapter of a code (any form {@link #normalise} accepts), or empty when it is not a valid code. */
    public static Optional<Chapter> chapterOf(String code) {
        return normalise(code).flatMap(c -> chapterOfCategory(category(c)));
    }

    /** Neoplasms (chapter II, C00–D48): what a cancer registry counts as a cancer death when it is the underlying cause. */
    public static boolean isNeoplasm(String code) {
        return chapterOf(code).filter(c -> c == Chapter.II).isPresent();
    }

    private static Optional<Chapter> chapterOfCategory(String category) {
        for (Chapter chapter : CHAPTERS) {
            if (chapter.holds(category)) {
                return Optional.of(chapter);
            }
        }
        return Optional.empty();
    }
}
