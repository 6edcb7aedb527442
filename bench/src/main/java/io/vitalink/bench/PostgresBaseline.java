package io.vitalink.bench;

import io.vitalink.local.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the two CSVs copied into unlogged tables, the plain join on the ID (PostgreSQL plans it as a hash
 * join: no index is needed or built), and the joined rows exported, each step timed from outside psql.
 */
final class PostgresBaseline {

    record Run(List<Stage> stages, long linkedIds, long diskBytes, String plan) {
    }

    /** Every column of the generated registry export (the old format's and the certificate's), as text. */
    private static final String COLUMNS_DEATHS = String.join(", ",
            SampleData.DEATHS_HEADER.stream().map(column -> column + " text").toList());
    private static final String COLUMNS_REQUESTS = "record_id text, id_number text, name text, sex text, birth_date text";
    private static final String JOIN = "SELECT d.*, r.record_id, r.name AS request_name, r.sex AS request_sex, "
            + "r.birth_date AS request_birth_date FROM deaths d LEFT JOIN requests r ON r.id_number = d.id_number";

    private PostgresBaseline() {
    }

    /** {@code data}'s files lie in {@code workDir}; the export goes to {@code workDir/postgres/}, written by postgres. */
    static Run run(BenchData data, Path workDir) throws Exception {
        Path exportDir = Files.createDirectories(workDir.resolve("postgres"));
        Files.setPosixFilePermissions(exportDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Postgres pg = new Postgres(workDir);
        pg.ensureRunning();
        pg.recreateDatabase();
        pg.psql("CREATE UNLOGGED TABLE deaths (" + COLUMNS_DEATHS + ")");
        pg.psql("CREATE UNLOGGED TABLE requests (" + COLUMNS_REQUESTS + ")");
        List<Stage> stages = new ArrayList<>();
        stages.add(Stage.time(Stages.LOAD_REGISTRY, data.registryRows(), () -> pg.psql(copyIn("deaths", data.deathsCsv()))).stage());
        stages.add(Stage.time(Stages.LOAD_REQUESTS, data.requests(), () -> pg.psql(copyIn("requests", data.requestsCsv()))).stage());
        // statistics first, as any real load would: the planner sizes the hash table from them
        pg.psql("ANALYZE deaths");
        pg.psql("ANALYZE requests");
        String plan = pg.psql("EXPLAIN (COSTS OFF) " + JOIN).lines().filter(line -> line.contains("Join"))
                .findFirst().orElse("?").replace("->", "").trim();
        stages.add(Stage.time(Stages.MATCH, data.requests(), () -> pg.psql("CREATE UNLOGGED TABLE joined AS " + JOIN)).stage());
        long joined = pg.queryLong("SELECT count(*) FROM joined");
        stages.add(Stage.time(Stages.EXPORT, joined, () -> pg.psql(
                "\\copy joined TO '" + exportDir.resolve("joined.csv") + "' WITH (FORMAT csv, HEADER true)")).stage());
        long linked = pg.queryLong("SELECT count(DISTINCT record_id) FROM joined");
        long disk = pg.queryLong("SELECT pg_total_relation_size('deaths') + pg_total_relation_size('requests') "
                + "+ pg_total_relation_size('joined')");
        return new Run(stages, linked, disk, plan);
    }

    private static String copyIn(String table, Path csv) {
        return "\\copy " + table + " FROM '" + csv.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)";
    }
}
