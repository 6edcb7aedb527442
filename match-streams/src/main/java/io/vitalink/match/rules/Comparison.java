package io.vitalink.match.rules;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.id.Sex;
import io.vitalink.name.Names;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How a request agrees with a death record on the fields besides the ID. A field counts only when
 * both sides know it; {@link #score} is the mean agreement over the compared fields, where the name
 * contributes its Jaro-Winkler similarity and sex and birth date 1 or 0.
 */
public record Comparison(List<String> discrepancies, Double nameSimilarity, double score) {

    /** Only on probable links: the request carried an ID that is not the death record's. */
    public static final String ID = "ID";
    public static final String NAME = "NAME";
    public static final String SEX = "SEX";
    public static final String BIRTH_DATE = "BIRTH_DATE";

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    public static Comparison of(MatchRequest request, DeathRecord death) {
        List<String> discrepancies = new ArrayList<>();
        double agreement = 0;
        int compared = 0;

        String requestName = Names.normalise(request.getName());
        String deathName = Names.normalise(death.getName());
        Double similarity = null;
        if (requestName != null && deathName != null) {
            similarity = requestName.equals(deathName) ? 1.0 : JARO_WINKLER.apply(requestName, deathName);
            agreement += similarity;
            compared++;
            if (!requestName.equals(deathName)) {
                discrepancies.add(NAME);
            }
        }
        String requestSex = Sex.normalise(request.getSex());
        String deathSex = Sex.normalise(death.getSex());
        if (requestSex != null && deathSex != null) {
            compared++;
            if (requestSex.equals(deathSex)) {
                agreement++;
            } else {
                discrepancies.add(SEX);
            }
        }
        LocalDate requestBirth = request.getBirthDate();
        LocalDate deathBirth = death.getBirthDate();
        if (requestBirth != null && deathBirth != null) {
            compared++;
            if (Objects.equals(requestBirth, deathBirth)) {
                agreement++;
            } else {
                discrepancies.add(BIRTH_DATE);
            }
        }
        return new Comparison(List.copyOf(discrepancies), similarity, compared == 0 ? 1.0 : agreement / compared);
    }

    public boolean consistent() {
        return discrepancies.isEmpty();
    }
}
