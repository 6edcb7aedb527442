package io.vitalink.bench;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.loader.DeathCsvReader;
import io.vitalink.loader.DeathRow;
import io.vitalink.loader.RowCleaner;
import io.vitalink.loader.RowOutcome;
import io.vitalink.match.rules.Blocking;
import io.vitalink.match.rules.Decisions;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.streams.StreamsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Vitalink must answer for every request, computed in memory from the two files with the project's own rules
 * and no Kafka: the loader's reader and row cleaning make the registry, the API's validation makes the requests,
 * and match-streams' rule classes decide them in the order MatchTopology applies them.
 */
final class Reference {

    /** The part of a result the check compares; {@code linkedId} is the normalised ID of the linked death, or null. */
    record Expected(String outcome, String linkedId) {
    }

    private final Map<String, DeathRecord> byId = new HashMap<>();
    private final Map<String, List<DeathRecord>> byBlock = new HashMap<>();
    private final ProbableMatcher matcher = StreamsSettings.probableMatcher(StreamsSettings.defaults());
    private final LocalDate today;
    private final Instant now = Instant.now();

    private Reference(LocalDate today) {
        this.today = today;
    }

    static Map<String, Expected> compute(Path deathsCsv, Path requestsCsv, LocalDate today) throws IOException {
        Reference reference = new Reference(today);
        reference.readRegistry(deathsCsv);
        Map<String, Expected> expected = new HashMap<>();
        RequestsCsv.forEach(requestsCsv, "reference", request -> {
            MatchResult result = reference.decide(request);
            expected.put(request.getRecordId(), new Expected(result.getOutcome().name(), result.getLinkedId()));
        });
        return expected;
    }

    private void readRegistry(Path csv) throws IOException {
        try (InputStream in = Files.newInputStream(csv); DeathCsvReader reader = new DeathCsvReader(in, new RowCleaner(today))) {
            for (Optional<DeathCsvReader.ParsedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                if (row.get().outcome() instanceof RowOutcome.Accepted accepted) {
                    keep(record(accepted.row()));
                }
            }
        }
        byId.forEach((id, death) -> {
            String block = Blocking.ofDeath(id, death);
            if (block != null) {
                byBlock.computeIfAbsent(block, b -> new ArrayList<>()).add(death);
            }
        });
    }

    /** The loader's duplicate rule (docs/DEATH-LOADER.md): the latest death date wins, of equal ones the later line. */
    private void keep(DeathRecord death) {
        byId.merge(death.getIdNumber(), death,
                (kept, later) -> later.getDeathDate().isBefore(kept.getDeathDate()) ? kept : later);
    }

    /** As match-streams: ID check, link by ID, then the probable search of what the ID did not link (Decided.of). */
    private MatchResult decide(MatchRequest request) {
        IdCheck check = ResidentIds.check(request.getIdNumber(), request.getIdType(), today);
        boolean valid = check instanceof IdCheck.Valid;
        MatchRequest searched = valid
                ? MatchRequest.newBuilder(request).setIdNumber(((IdCheck.Valid) check).id()).build() : request;
        MatchResult result = valid
                ? Decisions.byId(searched, byId.get(searched.getIdNumber()), now)
                : Decisions.invalid(request, ((IdCheck.Invalid) check).reason().code(), now);
        boolean searchable = result.getLinkedId() == null && request.getName() != null && !request.getName().isBlank();
        String block = searchable ? Blocking.ofRequest(searched, valid) : null;
        if (block == null) {
            return result;
        }
        String reason = result.getReasonCode();
        return matcher.best(searched.getName(), searched.getIdNumber(), byBlock.getOrDefault(block, List.of()))
                .map(candidate -> Decisions.probable(searched, reason, candidate.death(), candidate.score(), now))
                .orElseGet(() -> Decisions.unlinked(searched, reason, now));
    }

    private static DeathRecord record(DeathRow row) {
        return DeathRecord.newBuilder()
                .setIdNumber(row.idNumber()).setName(row.name()).setSex(row.sex()).setBirthDate(row.birthDate())
                .setAge(row.age()).setDeathDate(row.deathDate()).setDeathPlace(row.deathPlace())
                .setDirectCause(row.directCause()).setDirectCauseIcd10(row.directCauseIcd10())
                .setOtherDiagnoses(row.otherDiagnoses()).setSourceBatch("reference").setLoadedAt(Instant.EPOCH)
                .build();
    }
}
