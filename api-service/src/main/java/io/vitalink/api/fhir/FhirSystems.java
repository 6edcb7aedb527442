package io.vitalink.api.fhir;

import java.net.URI;
import java.util.Map;

/**
 * The URIs Vitalink gives meaning to in FHIR (docs/FHIR.md), all under one base ({@code vitalink.fhir.base-url},
 * default {@link #DEFAULT_BASE}). They are names, not addresses: nothing is fetched from them. They are part of the
 * public contract: a deployment sets its base once; the paths under it never change, they are only added to.
 */
public final class FhirSystems {

    public static final String DEFAULT_BASE = "https://vitalink.example/fhir/";
    public static final FhirSystems DEFAULT = new FhirSystems(DEFAULT_BASE);
    /** ICD-10 as HL7 names it: never under our base. */
    public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";

    private static volatile FhirSystems current = DEFAULT;

    private final String base;
    private final Map<String, String> documents;

    /** @param base an absolute http(s) URI; a missing final {@code /} is added */
    public FhirSystems(String base) {
        URI uri = URI.create(base);
        if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("vitalink.fhir.base-url must be an absolute http(s) URL: " + base);
        }
        this.base = base.endsWith("/") ? base : base + "/";
        this.documents = Map.of(
                residentId(), "",
                passport(), "PASSPORT",
                this.base + "sid/hk-macao-permit", "HK_MACAO_PERMIT",
                this.base + "sid/taiwan-permit", "TAIWAN_PERMIT",
                this.base + "sid/foreigner-permanent-resident", "FOREIGNER_PERMANENT_RESIDENT");
    }

    /** The systems in use, set once at startup by {@link FhirSettings}; {@link #DEFAULT} until then. */
    public static FhirSystems current() {
        return current;
    }

    static void use(FhirSystems systems) {
        current = systems;
    }

    public String base() {
        return base;
    }

    /** Identifier system of the submitter's record id (wins over Patient.id, which allows fewer characters). */
    public String recordId() {
        return base + "sid/record-id";
    }

    /** Identifier system of the PRC resident identity card number (居民身份证号码). */
    public String residentId() {
        return base + "sid/resident-id";
    }

    public String passport() {
        return base + "sid/passport";
    }

    /** Identity-document systems and the {@code idType} each stands for (empty: resident ID, no idType). */
    public Map<String, String> documents() {
        return documents;
    }

    /** An extension of ours, by name: {@link Extension}. */
    public String extension(Extension extension) {
        return base + "StructureDefinition/" + extension.path;
    }

    /** Code system of the ICD-10 chapters, I..XXII (display: the chapter's English title). */
    public String icd10ChapterSystem() {
        return base + "CodeSystem/icd10-chapter";
    }

    /** Code system of our Observation components (code {@code icd10-chapter}). */
    public String componentSystem() {
        return base + "CodeSystem/observation-component";
    }

    @Override
    public String toString() {
        return base;
    }

    /** Vitalink's extensions on the result Patient, each with its path under {@code StructureDefinition/}. */
    public enum Extension {
        /** valueCode: MATCHED, MATCHED_WITH_DISCREPANCY, PROBABLE, NOT_FOUND, INVALID. */
        OUTCOME("linkage-outcome"),
        /** valueCode: ID_EXACT or NAME_BIRTH_SEX. */
        MATCH_RULE("match-rule"),
        /** valueDecimal 0–1. */
        MATCH_SCORE("match-score"),
        /** valueDecimal 0–1. */
        NAME_SIMILARITY("name-similarity"),
        /** valueCode: the VL-20xx code of the submitted ID. */
        REASON("reason-code"),
        /** valueCode, repeated: ID, NAME, SEX, BIRTH_DATE. */
        DISCREPANCY("discrepancy"),
        /** valueCodeableConcept: the direct cause of death, ICD-10 coding and the registry's text. */
        CAUSE_OF_DEATH("cause-of-death"),
        /** valueString: the place of death as the registry records it. */
        DEATH_PLACE("death-place"),
        /** valueString: key of the linked death record (normalised resident ID, or TYPE:number). */
        LINKED_ID("linked-id"),
        /** valueCode: a reviewer's decision on an uncertain link, ACCEPT, REJECT or UNSURE. */
        REVIEW_DECISION("review-decision");

        private final String path;

        Extension(String path) {
            this.path = path;
        }
    }
}
