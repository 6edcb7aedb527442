package io.vitalink.api.job;

/** Who a job belongs to: only its organisation's submitters can read it. Travels on the OPENED control record. */
public record JobOwner(String organisation, String submittedBy) {
}
