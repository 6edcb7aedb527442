package io.vitalink.api.quota;

import io.vitalink.api.store.ProgressListener;
import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobStates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * What each organisation uses now, from the read model: its jobs not ended, and the records ({@code expected}) of its
 * jobs by the UTC day they were submitted. Kept by every change of a job's progress, so that a check costs a few map
 * reads; the read model is rebuilt from Kafka, so the counts survive a restart and see the jobs of every instance,
 * as soon as the read model has them. Until then, two things only this instance knows are added: the uploads it is
 * taking in, and the records of the jobs it accepted whose count the read model does not have yet.
 */
final class OrganisationUsage implements ProgressListener {

    private final Clock clock;
    private final Map<String, Long> notEnded = new HashMap<>();
    private final Map<String, Long> uploading = new HashMap<>();
    private final Map<Day, Long> records = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();

    private record Day(String organisation, LocalDate day) {
    }

    private record Pending(Day day, long records) {
    }

    OrganisationUsage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void changed(JobProgress before, JobProgress after) {
        if (before != null) {
            count(before, -1);
        }
        if (after != null) {
            count(after, 1);
            if (after.getExpected() != null) {
                pending.remove(after.getJobId());
            }
        } else if (before != null) {
            pending.remove(before.getJobId());
        }
    }

    /** Jobs of {@code organisation} not ended in the read model, and uploads of it this instance is taking in. */
    synchronized long jobsInProgress(String organisation) {
        return notEnded.getOrDefault(organisation, 0L) + uploading.getOrDefault(organisation, 0L);
    }

    /** Records of the jobs {@code organisation} submitted on {@code day} (UTC). */
    synchronized long records(String organisation, LocalDate day) {
        Day key = new Day(organisation, day);
        long sum = records.getOrDefault(key, 0L);
        for (Pending p : pending.values()) {
            if (p.day().equals(key)) {
                sum += p.records();
            }
        }
        return sum;
    }

    /** Takes an upload slot unless the organisation already has {@code limit} jobs in progress. */
    synchronized boolean startUpload(String organisation, long limit) {
        if (jobsInProgress(organisation) >= limit) {
            return false;
        }
        uploading.merge(organisation, 1L, Long::sum);
        return true;
    }

    synchronized void endUpload(String organisation) {
        uploading.computeIfPresent(organisation, (o, n) -> n > 1 ? n - 1 : null);
    }

    /**
     * Counts {@code n} records of job {@code jobId} on today's total unless that would pass {@code limit}; atomic with
     * every other reservation of this instance, so that two uploads of one organisation cannot both pass the limit.
     */
    synchronized boolean reserve(String jobId, String organisation, long n, long limit) {
        LocalDate today = today();
        prune(today);
        if (records(organisation, today) + n > limit) {
            return false;
        }
        pending.put(jobId, new Pending(new Day(organisation, today), n));
        return true;
    }

    /** The job was not published after all: its records do not count. */
    synchronized void release(String jobId) {
        pending.remove(jobId);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void count(JobProgress p, int sign) {
        String organisation = p.getOrganisation();
        if (organisation == null) {
            return;
        }
        if (!JobStates.isFinal(p.getState())) {
            notEnded.merge(organisation, (long) sign, (a, b) -> a + b == 0 ? null : a + b);
        }
        Instant created = p.getCreatedAt();
        if (p.getExpected() == null || created == null) {
            return;
        }
        Day key = new Day(organisation, LocalDate.ofInstant(created, ZoneOffset.UTC));
        if (sign > 0) {
            // older days are no longer asked for: not kept
            if (!key.day().isBefore(today().minusDays(1))) {
                records.merge(key, p.getExpected(), Long::sum);
            }
        } else {
            records.computeIfPresent(key, (k, n) -> n - p.getExpected() == 0 ? null : n - p.getExpected());
        }
    }

    private void prune(LocalDate today) {
        LocalDate oldest = today.minusDays(1);
        records.keySet().removeIf(key -> key.day().isBefore(oldest));
        pending.values().removeIf(p -> p.day().day().isBefore(oldest));
    }
}
