package io.vitalink.icd;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.icd.Icd10.Chapter;
import org.junit.jupiter.api.Test;

class Icd10Test {

    @Test
    void normalisesCaseDotAndFullWidth() {
        assertThat(Icd10.normalise(" c349 ")).hasValue("C34.9");
        assertThat(Icd10.normalise("Ｃ３４．９")).hasValue("C34.9");
        assertThat(Icd10.normalise("C34")).hasValue("C34");
        assertThat(Icd10.normalise("I2101")).hasValue("I21.01");
    }

    @Test
    void rejectsWhatIsNoCodeOfAChapter() {
        assertThat(Icd10.normalise("34.9")).isEmpty();
        assertThat(Icd10.normalise("肺癌")).isEmpty();
        assertThat(Icd10.normalise("C3")).isEmpty();
        assertThat(Icd10.normalise("C34.901")).as("longer than WHO's four characters").isEmpty();
        assertThat(Icd10.normalise("D49")).as("between chapters II and III").isEmpty();
        assertThat(Icd10.normalise("V00")).as("chapter XX starts at V01").isEmpty();
        assertThat(Icd10.normalise(null)).isEmpty();
    }

    @Test
    void findsTheChapterAtItsBounds() {
        assertThat(Icd10.chapterOf("C00.0")).hasValue(Chapter.II);
        assertThat(Icd10.chapterOf("D48.9")).hasValue(Chapter.II);
        assertThat(Icd10.chapterOf("D50")).hasValue(Chapter.III);
        assertThat(Icd10.chapterOf("J96.0")).hasValue(Chapter.X);
        assertThat(Icd10.chapterOf("T98.3")).hasValue(Chapter.XIX);
        assertThat(Icd10.chapterOf("X70")).hasValue(Chapter.XX);
        assertThat(Icd10.chapterOf("U07.1")).hasValue(Chapter.XXII);
    }

    @Test
    void tellsCancerDeathsFromOthers() {
        assertThat(Icd10.isNeoplasm("C34.9")).isTrue();
        assertThat(Icd10.isNeoplasm("D47.1")).isTrue();
        assertThat(Icd10.isNeoplasm("I21.9")).isFalse();
        assertThat(Icd10.isNeoplasm("garbage")).isFalse();
    }
}
