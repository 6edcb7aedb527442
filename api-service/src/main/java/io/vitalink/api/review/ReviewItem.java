package io.vitalink.api.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.api.job.ResultReview;
import java.util.List;

/**
 * An uncertain result as a reviewer sees it: the link's rule, score and discrepancies, both sides side by side, and
 * the decision on it when there is one ({@code status} REVIEWED) or null (PENDING).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReviewItem(String jobId, String recordId, Long sequence, String outcome, String matchRule, Double score,
                         Double nameSimilarity, List<String> discrepancies, String reasonCode, String decidedAt,
                         String status, Side request, Side death, ResultReview review) {

    public static final String PENDING = "PENDING";
    public static final String REVIEWED = "REVIEWED";

    /** One side of the link: the patient as the centre submitted it, or the death as the registry holds it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Side(String idNumber, String idType, String name, String sex, String birthDate, String deathDate) {
    }
}
