package io.vitalink.bench;

import io.vitalink.id.ResidentIds;
import io.vitalink.local.SampleData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The data of {@code bench/run.sh watch-refresh}, written as the death-loader and the Kafka path read it, with what a
 * refresh must change in the watched cohort known by construction.
 *
 * <p>Person {@code p} (0 ≤ p &lt; 16·10⁶) has one valid resident ID and one name, both a bijection of {@code p}: no two
 * people share an ID or a name. Names are three characters (a one-character surname and two given characters), so
 * two different names are at most 0.83 Jaro-Winkler apart, below the probable threshold less its margin (0.90): no
 * search ever links anybody to somebody else, and a watched record changes only when its own death record does.
 *
 * <p>Persons {@code [0, W)} are the cohort (record {@code w<p>}): {@code [0, L)} are dead in the first registry and
 * linked at submission ({@code L} = 5 % of the cohort, at least {@code c}, at most half the registry); {@code [L, L + c)} die in refresh B; the rest stay alive. One record in five has no name;
 * one in twenty of those who never die has an invalid ID (a wrong check character). Persons from {@code W} on are
 * the registry's others. Refreshes A (before the cohort, the baseline) and B (after it) have the same shape, each a
 * file of corrected and new deaths plus a delete file: {@code c} corrections (B: the causes of {@code c/2} deaths
 * linked at submission and of {@code c/2} others), {@code c} withdrawals (B: {@code c/2} linked, {@code c/2} others)
 * and {@code R − 2c} new deaths (B: {@code c} of them watched records'), where {@code c = R/10}.
 */
record WatchRefreshData(int deaths, int watched, int refresh, int linked, int step, Path registryCsv,
                        Refresh baseline, Refresh watchedRefresh, Path cohortCsv, Expected expected, Cohort cohort) {

    /** One refresh: the export of corrected and new deaths and the delete file, for the death-loader. */
    record Refresh(String label, Path exportCsv, Path deleteFile, int corrected, int withdrawn, int added) {

        int changes() {
            return corrected + withdrawn + added;
        }
    }

    /** The record IDs each trigger must name, once each, after refresh B. */
    record Expected(Set<String> newDeaths, Set<String> updated, Set<String> retracted) {

        int total() {
            return newDeaths.size() + updated.size() + retracted.size();
        }
    }

    /** How the cohort is made up, by construction. */
    record Cohort(long named, long invalid, long byId, long byBlock, long notRegistered) {
    }

    private static final LocalDate BIRTH_FROM = LocalDate.of(1925, 1, 1);
    private static final LocalDate BIRTH_TO = LocalDate.of(1975, 12, 31);
    private static final int BIRTH_DAYS = (int) ChronoUnit.DAYS.between(BIRTH_FROM, BIRTH_TO) + 1;
    private static final LocalDate DEATH_FROM = LocalDate.of(2015, 1, 1);
    private static final int DEATH_DAYS = (int) ChronoUnit.DAYS.between(DEATH_FROM, LocalDate.of(2025, 12, 31)) + 1;
    private static final List<String> REGIONS = List.of("110101", "110105", "120101", "310104", "310115", "320106",
            "330106", "420106", "440106", "440305", "510104", "610113");
    private static final int SEQUENCES = 499; // per sex: 001..997 odd for men, 002..998 even for women
    private static final long ID_SLOTS = (long) BIRTH_DAYS * REGIONS.size() * SEQUENCES * 2;
    private static final long ID_STRIDE = 1_000_000_007L;
    private static final String SURNAMES = distinct("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            + "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤柳易常乔");
    private static final int GIVEN = 400; // CJK ideographs from U+4E00
    private static final long NAME_SLOTS = (long) SURNAMES.length() * GIVEN * GIVEN;
    private static final long NAME_STRIDE = 7_919_191L;
    static final long MAX_PERSONS = Math.min(NAME_SLOTS, ID_SLOTS);
    private static final String[][] CAUSES = {
            {"肺恶性肿瘤", "C34.9"}, {"肝恶性肿瘤", "C22.0"}, {"胃恶性肿瘤", "C16.9"}, {"结肠恶性肿瘤", "C18.9"}};
    private static final String[] PLACES = {"医院", "家中", "养老机构", "其他"};

    static {
        if (java.math.BigInteger.valueOf(ID_STRIDE).gcd(java.math.BigInteger.valueOf(ID_SLOTS)).intValue() != 1
                || java.math.BigInteger.valueOf(NAME_STRIDE).gcd(java.math.BigInteger.valueOf(NAME_SLOTS)).intValue() != 1) {
            throw new IllegalStateException("a stride shares a factor with its slots: persons would share IDs or names");
        }
    }

    private static String distinct(String chars) {
        return chars.codePoints().distinct().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    static WatchRefreshData write(int deaths, int watched, int refresh, Path dir) throws IOException {
        int step = refresh / 10 / 2 * 2;
        int linked = Math.min(Math.max(watched / 20, step), deaths / 2); // 5 % of the cohort dead, at least what B touches
        int added = refresh - 2 * step;
        long persons = (long) watched + deaths - linked + 2L * added;
        if (step < 2 || linked < step || deaths - linked < 3 * step || watched - linked < 2 * step || added < step
                || persons > MAX_PERSONS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "sizes do not fit: need refresh ≥ 20, "
                    + "deaths/2 ≥ refresh/10, deaths ≥ watched/20 + 3·refresh/10, %,d persons at most",
                    MAX_PERSONS));
        }
        long others = watched;                       // the registry's other deaths, from here on
        long newA = others + deaths - linked;         // new deaths of refresh A
        long newB = newA + added;                     // new deaths of refresh B that are nobody's in the cohort
        Path registry = dir.resolve("deaths.csv");
        try (Deaths out = new Deaths(registry)) {
            out.range(0, linked, false);
            out.range(others, others + deaths - linked, false);
        }
        Refresh a = new Refresh("refresh-a", dir.resolve("refresh-a.csv"), dir.resolve("refresh-a-withdrawals.txt"),
                step, step, added);
        try (Deaths out = new Deaths(a.exportCsv())) {
            out.range(others, others + step, true);
            out.range(newA, newA + added, false);
        }
        writeIds(a.deleteFile(), others + step, others + 2L * step);
        Refresh b = new Refresh("refresh-b", dir.resolve("refresh-b.csv"), dir.resolve("refresh-b-withdrawals.txt"),
                step, step, added);
        try (Deaths out = new Deaths(b.exportCsv())) {
            out.range(0, step / 2, true);
            out.range(others + 2L * step, others + 2L * step + step / 2, true);
            out.range(linked, linked + step, false);
            out.range(newB, newB + added - step, false);
        }
        writeIds(b.deleteFile(), step / 2, step, others + 2L * step + step / 2, others + 3L * step);
        Path cohortCsv = dir.resolve("cohort.csv");
        Cohort cohort = writeCohort(cohortCsv, watched, linked, linked + step);
        Expected expected = new Expected(recordIds(linked, linked + step), recordIds(0, step / 2), recordIds(step / 2, step));
        return new WatchRefreshData(deaths, watched, refresh, linked, step, registry, a, b, cohortCsv, expected, cohort);
    }

    /** The same data with other expectations (a cohort submitted without a watch changes nothing). */
    WatchRefreshData withExpected(Expected other) {
        return new WatchRefreshData(deaths, watched, refresh, linked, step, registryCsv, baseline, watchedRefresh, cohortCsv,
                other, cohort);
    }

    static String recordId(long person) {
        return String.format(Locale.ROOT, "w%08d", person);
    }

    private static Set<String> recordIds(long from, long to) {
        Set<String> ids = new HashSet<>();
        for (long p = from; p < to; p++) {
            ids.add(recordId(p));
        }
        return Set.copyOf(ids);
    }

    /**
     * The cohort's requests, persons [0, watched): those before {@code linked} are linked at submission; those from
     * {@code mortal} on never die, so one in twenty of them may carry a bad ID (it could link as probable otherwise).
     */
    private static Cohort writeCohort(Path csv, int watched, long linked, long mortal) throws IOException {
        long named = 0;
        long invalid = 0;
        long byId = 0;
        long byBlock = 0;
        long none = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter out = CSVFormat.DEFAULT.builder().setHeader(SampleData.REQUESTS_HEADER.toArray(String[]::new)).get().print(w)) {
            for (long p = 0; p < watched; p++) {
                Person person = person(p);
                boolean hasName = p % 5 != 0;
                boolean bad = p >= mortal && p % 20 == 7;
                out.printRecord(recordId(p), bad ? wrongCheck(person.id()) : person.id(), hasName ? person.name() : "",
                        person.sex(), person.birth());
                named += hasName ? 1 : 0;
                invalid += bad ? 1 : 0;
                // MatchTopology: by ID when the ID decided (linked, or no name to search by), by block when searched
                if (!bad && (p < linked || !hasName)) {
                    byId++;
                } else if (hasName) {
                    byBlock++;
                } else {
                    none++;
                }
            }
        }
        return new Cohort(named, invalid, byId, byBlock, none);
    }

    private static String wrongCheck(String id) {
        char right = id.charAt(17);
        return id.substring(0, 17) + (right == '0' ? '1' : '0');
    }

    private static void writeIds(Path file, long... ranges) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int r = 0; r < ranges.length; r += 2) {
                for (long p = ranges[r]; p < ranges[r + 1]; p++) {
                    w.write(person(p).id());
                    w.newLine();
                }
            }
        }
    }

    record Person(String id, String name, String sex, LocalDate birth) {
    }

    /** Person {@code p}: an ID and a name that nobody else has. */
    static Person person(long p) {
        long slot = p * ID_STRIDE % ID_SLOTS; // no overflow below MAX_PERSONS; a bijection, the stride being coprime
        boolean male = slot % 2 == 0;
        slot /= 2;
        int n = (int) (slot % SEQUENCES);
        slot /= SEQUENCES;
        String region = REGIONS.get((int) (slot % REGIONS.size()));
        LocalDate birth = BIRTH_FROM.plusDays(slot / REGIONS.size());
        String first17 = region + String.format(Locale.ROOT, "%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), male ? 2 * n + 1 : 2 * n + 2);
        String id = first17 + ResidentIds.checkCharacter(first17);
        long nameSlot = p * NAME_STRIDE % NAME_SLOTS;
        String name = new StringBuilder().append(SURNAMES.charAt((int) (nameSlot % SURNAMES.length())))
                .append((char) (0x4E00 + (nameSlot / SURNAMES.length()) % GIVEN))
                .append((char) (0x4E00 + nameSlot / SURNAMES.length() / GIVEN)).toString();
        return new Person(id, name, male ? "M" : "F", birth);
    }

    /** The death-loader's old export format (SampleData's, no certificate): a person's death, or its correction (another cause). */
    private static final class Deaths implements AutoCloseable {

        private final BufferedWriter writer;
        private final CSVPrinter out;

        Deaths(Path file) throws IOException {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out = CSVFormat.DEFAULT.builder().setHeader(SampleData.EXPORT_HEADER.toArray(String[]::new)).get().print(writer);
        }

        void range(long from, long to, boolean corrected) throws IOException {
            for (long p = from; p < to; p++) {
                Person person = person(p);
                LocalDate died = DEATH_FROM.plusDays(Math.floorMod(p * 2_654_435_761L, DEATH_DAYS));
                String[] cause = CAUSES[(int) ((p + (corrected ? 1 : 0)) % CAUSES.length)];
                out.printRecord(person.name(), person.id(), person.sex(), person.birth(),
                        ChronoUnit.YEARS.between(person.birth(), died), died, PLACES[(int) (p % PLACES.length)],
                        cause[0], cause[1], "");
            }
        }

        @Override
        public void close() throws IOException {
            out.close(true);
        }
    }
}
