package io.vitalink.loader;

import io.vitalink.icd.Icd10;
import io.vitalink.icd.Icd10.Chapter;
import java.util.Collection;
import java.util.Objects;

/**
 * Whether an underlying cause of death agrees with the certificate's conditions. Plain Java.
 *
 * <p>The rule: the underlying cause's three-character ICD-10 category must be that of a Part I line (a)–(d) or of
 * a Part II condition; an external cause (chapter XX, V01–Y98) is also accepted when a Part I line is an injury
 * (chapter XIX, S00–T98), since the certificate records the injury and the underlying cause its circumstance.
 */
public final class CauseChain {

    private CauseChain() {
    }

    /**
     * @param underlying the underlying cause's code, canonical
     * @param partOne the codes of Part I lines (a)–(d), canonical; nulls (uncoded lines) are skipped
     * @param partTwo the codes of Part II, canonical; nulls are skipped
     */
    public static boolean agrees(String underlying, Collection<String> partOne, Collection<String> partTwo) {
        String category = Icd10.category(underlying);
        if (holdsCategory(partOne, category) || holdsCategory(partTwo, category)) {
            return true;
        }
        return inChapter(underlying, Chapter.XX)
                && partOne.stream().filter(Objects::nonNull).anyMatch(code -> inChapter(code, Chapter.XIX));
    }

    private static boolean holdsCategory(Collection<String> codes, String category) {
        return codes.stream().filter(Objects::nonNull).anyMatch(code -> Icd10.category(code).equals(category));
    }

    private static boolean inChapter(String code, Chapter chapter) {
        return Icd10.chapterOf(code).filter(c -> c == chapter).isPresent();
    }
}
