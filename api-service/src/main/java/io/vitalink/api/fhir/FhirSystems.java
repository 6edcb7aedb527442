package io.vitalink.api.fhir;

import java.util.Map;

/**
 * The URIs Vitalink gives meaning to in FHIR (docs/FHIR.md). They are names, not addresses: nothing is
 * fetched from them. They are part of the public contract: never change one, only add.
 */
public final class FhirSystems {

    /** Namespace of Vitalink's own naming systems and extensions. */
    public static final String BASE = "https://vitalink.example/fhir/";

    /** Identifier system of the submitter's record id (wins over Patient.id, which allows fewer characters). */
    public static final String RECORD_ID = BASE + "sid/record-id";
    /** Identifier system of the PRC resident identity card number (居民身份证号码). */
    public static final String RESIDENT_ID = BASE + "sid/resident-id";
    public static final String PASSPORT = BASE + "sid/passport";
    public static final String HK_MACAO_PERMIT = BASE + "sid/hk-macao-permit";
    public static final String TAIWAN_PERMIT = BASE + "sid/taiwan-permit";
    public static final String FOREIGNER_PERMANENT_RESIDENT = BASE + "sid/foreigner-permanent-resident";

    /** Identity-document systems and the {@code idType} each stands for (empty: resident ID, no idType). */
    public static final Map<String, String> DOCUMENTS = Map.of(
            RESIDENT_ID, "",
            PASSPORT, "PASSPORT",
            HK_MACAO_PERMIT, "HK_MACAO_PERMIT",
            TAIWAN_PERMIT, "TAIWAN_PERMIT",
            FOREIGNER_PERMANENT_RESIDENT, "FOREIGNER_PERMANENT_RESIDENT");

    /** ICD-10 as HL7 names it. */
    public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";

    public static final String EXTENSION = BASE + "StructureDefinition/";
    /** valueCode: MATCHED, MATCHED_WITH_DISCREPANCY, PROBABLE, NOT_FOUND, INVALID. */
    public static final String OUTCOME = EXTENSION + "linkage-outcome";
    /** valueCode: ID_EXACT or NAME_BIRTH_SEX. */
    public static final String MATCH_RULE = EXTENSION + "match-rule";
    /** valueDecimal 0–1. */
    public static final String MATCH_SCORE = EXTENSION + "match-score";
    /** valueDecimal 0–1. */
    public static final String NAME_SIMILARITY = EXTENSION + "name-similarity";
    /** valueCode: the VL-20xx code of the submitted ID. */
    public static final String REASON = EXTENSION + "reason-code";
    /** valueCode, repeated: ID, NAME, SEX, BIRTH_DATE. */
    public static final String DISCREPANCY = EXTENSION + "discrepancy";
    /** valueCodeableConcept: the direct cause of death, ICD-10 coding and the registry's text. */
    public static final String CAUSE_OF_DEATH = EXTENSION + "cause-of-death";
    /** valueString: the place of death as the registry records it. */
    public static final String DEATH_PLACE = EXTENSION + "death-place";
    /** valueString: key of the linked death record (normalised resident ID, or TYPE:number). */
    public static final String LINKED_ID = EXTENSION + "linked-id";

    private FhirSystems() {
    }
}
