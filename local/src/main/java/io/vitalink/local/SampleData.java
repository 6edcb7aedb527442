package io.vitalink.local;

import io.vitalink.id.IdRejection;
import io.vitalink.id.ResidentIds;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Seeded, reproducible synthetic death-registry data and patient requests. Everything is fictional; resident IDs
 * are well-formed (real region codes, plausible birth dates, correct MOD 11-2 check characters).
 *
 * <p>The same seed and arguments always give the same data ({@link Random} is specified to be deterministic).
 */
public final class SampleData {

    /** The old export format's columns, which every registry export has. */
    public static final List<String> EXPORT_HEADER = List.of("name", "id_number", "sex", "birth_date", "age",
            "death_date", "death_place", "direct_cause", "direct_cause_icd10", "other_diagnoses");
    /** The old export format's columns, then the death certificate's ({@link SampleCertificate#HEADER}). */
    public static final List<String> DEATHS_HEADER = Stream.concat(EXPORT_HEADER.stream(),
            SampleCertificate.HEADER.stream()).toList();

    /** Mixed into the seed of the causes' own {@link Random}. */
    public static final long CAUSES_SEED = 0x5EED_CA05EL;
    public static final List<String> REQUESTS_HEADER = List.of("record_id", "id_number", "name", "sex", "birth_date");

    /** Real county-level region codes (GB/T 2260). */
    static final List<String> REGION_CODES = List.of(
            "110101", // 北京 东城区
            "110105", // 北京 朝阳区
            "120101", // 天津 和平区
            "310104", // 上海 徐汇区
            "310115", // 上海 浦东新区
            "320106", // 南京 鼓楼区
            "330106", // 杭州 西湖区
            "420106", // 武汉 武昌区
            "440106", // 广州 天河区
            "440305", // 深圳 南山区
            "510104", // 成都 锦江区
            "610113"); // 西安 雁塔区

    private static final LocalDate BIRTH_FROM = LocalDate.of(1925, 1, 1);
    private static final LocalDate BIRTH_TO = LocalDate.of(1975, 12, 31);
    private static final LocalDate DEATH_FROM = LocalDate.of(2015, 1, 1);
    private static final LocalDate DEATH_TO = LocalDate.of(2025, 12, 31);

    private static final String[] SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
            + "彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 方 白 邹 孟 熊 "
            + "秦 邱 江 尹 薛 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 武 戴 孔 汤 欧阳 司马 诸葛").split(" ");
    private static final char[] MALE_GIVEN = ("建国军民华明伟强刚勇志平德福国庆文兴家荣忠海山林春生长发永胜利俊杰宝成贵和安"
            + "振东祥峰新铁金").toCharArray();
    private static final char[] FEMALE_GIVEN = ("秀英桂兰玉凤珍芳淑华丽梅琴云霞萍红燕敏静娟丽莉美荣翠琼素洁慧"
            + "月菊香巧艳雪春兰").toCharArray();

    private record Cause(String name, String icd10, char onlySex) {
    }

    private static final List<Cause> CAUSES = List.of(
            new Cause("肺恶性肿瘤", "C34.9", ' '),
            new Cause("肝恶性肿瘤", "C22.0", ' '),
            new Cause("胃恶性肿瘤", "C16.9", ' '),
            new Cause("结直肠恶性肿瘤", "C18.9", ' '),
            new Cause("食管恶性肿瘤", "C15.9", ' '),
            new Cause("胰腺恶性肿瘤", "C25.9", ' '),
            new Cause("乳腺恶性肿瘤", "C50.9", 'F'),
            new Cause("宫颈恶性肿瘤", "C53.9", 'F'),
            new Cause("前列腺恶性肿瘤", "C61", 'M'),
            new Cause("急性心肌梗死", "I21.9", ' '),
            new Cause("脑梗死", "I63.9", ' '),
            new Cause("脑出血", "I61.9", ' '),
            new Cause("慢性阻塞性肺疾病", "J44.9", ' '),
            new Cause("肺炎", "J18.9", ' '));

    private static final List<String> OTHER_DIAGNOSES = List.of(
            "高血压 I10", "2型糖尿病 E11.9", "冠状动脉粥样硬化性心脏病 I25.1", "慢性肾脏病 N18.9",
            "心房颤动 I48.9", "慢性阻塞性肺疾病 J44.9", "阿尔茨海默病 G30.9", "骨质疏松 M81.9");

    private SampleData() {
    }

    /**
     * {@code count} deaths with unique, valid resident IDs; most as the death certificate has them (a Part I chain
     * down to the underlying cause), a share in the old export format ({@link SampleCertificates}).
     */
    public static List<SampleDeath> deaths(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        Random rnd = new Random(seed);
        Random causes = new Random(seed ^ CAUSES_SEED);
        Set<String> ids = new HashSet<>();
        List<SampleDeath> deaths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Person p = person(rnd, ids);
            LocalDate death = between(rnd, DEATH_FROM, DEATH_TO);
            int age = Period.between(p.birthDate, death).getYears();
            Cause cause = cause(rnd, p.sex);
            SampleDeath oldFormat = new SampleDeath(p.name, p.id, p.sex, p.birthDate, age, death, deathPlace(rnd),
                    cause.name, cause.icd10, otherDiagnoses(rnd, cause));
            deaths.add(SampleCertificates.issue(oldFormat, causes));
        }
        return List.copyOf(deaths);
    }

    /**
     * {@code total} requests, record IDs r00001 upwards in (shuffled) order: exactly {@code dying} people from
     * {@code deaths} (same ID, name, sex and birth date), exactly {@code invalid} with an invalid ID (bad check digit, bad region,
     * wrong length, impossible birth date, bad characters, missing or blank), and valid IDs of living people for the rest.
     */
    public static List<SampleRequest> requests(long seed, List<SampleDeath> deaths, int total, int dying, int invalid) {
        if (dying < 0 || invalid < 0 || dying + invalid > total) {
            throw new IllegalArgumentException("need 0 <= dying, 0 <= invalid and dying + invalid <= total; got total="
                    + total + " dying=" + dying + " invalid=" + invalid);
        }
        if (dying > deaths.size()) {
            throw new IllegalArgumentException("dying=" + dying + " but only " + deaths.size() + " deaths");
        }
        Random rnd = new Random(seed);
        Set<String> taken = new HashSet<>();
        deaths.forEach(d -> taken.add(d.idNumber()));
        Set<String> dead = new HashSet<>();
        deaths.forEach(d -> dead.add(personKey(d.name(), d.sex(), d.birthDate())));
        List<SampleRequest> out = new ArrayList<>(total);

        List<SampleDeath> pool = new ArrayList<>(deaths);
        Collections.shuffle(pool, rnd);
        for (SampleDeath d : pool.subList(0, dying)) {
            out.add(new SampleRequest("", d.idNumber(), d.name(), d.sex(), d.birthDate(), SampleRequest.MATCHED,
                    d.deathDate(), d.deathPlace(), d.directCause(), d.directCauseIcd10(), d.otherDiagnoses(), null));
        }
        for (int i = 0; i < invalid; i++) {
            Person p = living(rnd, taken, dead);
            InvalidId bad = invalidId(rnd, p, i);
            out.add(new SampleRequest("", bad.id, p.name, p.sex, p.birthDate, SampleRequest.INVALID,
                    null, null, null, null, null, bad.reason.code()));
        }
        for (int i = dying + invalid; i < total; i++) {
            Person p = living(rnd, taken, dead);
            out.add(new SampleRequest("", p.id, p.name, p.sex, p.birthDate, SampleRequest.NOT_FOUND,
                    null, null, null, null, null, null));
        }
        Collections.shuffle(out, rnd);
        List<SampleRequest> numbered = new ArrayList<>(total);
        for (int i = 0; i < out.size(); i++) {
            numbered.add(out.get(i).withRecordId(String.format("r%05d", i + 1)));
        }
        return List.copyOf(numbered);
    }

    /** UTF-8 CSV with {@link #DEATHS_HEADER}; ISO dates; an absent value is an empty field. */
    public static void writeDeathsCsv(List<SampleDeath> deaths, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = format(DEATHS_HEADER).print(w)) {
            for (SampleDeath d : deaths) {
                List<Object> values = new ArrayList<>(DEATHS_HEADER.size());
                values.addAll(Arrays.asList(d.name(), d.idNumber(), d.sex(), d.birthDate(), d.age(), d.deathDate(),
                        d.deathPlace(), d.directCause(), d.directCauseIcd10(), d.otherDiagnoses()));
                values.addAll(SampleCertificate.values(d.certificate()));
                csv.printRecord(values);
            }
        }
    }

    /** UTF-8 CSV with {@link #REQUESTS_HEADER}; the expected outcomes are not written. */
    public static void writeRequestsCsv(List<SampleRequest> requests, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = format(REQUESTS_HEADER).print(w)) {
            for (SampleRequest r : requests) {
                csv.printRecord(r.recordId(), r.idNumber(), r.name(), r.sex(), r.birthDate());
            }
        }
    }

    /** Reads a file written by {@link #writeDeathsCsv}. */
    public static List<SampleDeath> readDeathsCsv(Path file) throws IOException {
        CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = fmt.parse(r)) {
            List<SampleDeath> deaths = new ArrayList<>();
            for (CSVRecord rec : parser) {
                deaths.add(new SampleDeath(rec.get("name"), rec.get("id_number"), rec.get("sex"),
                        LocalDate.parse(rec.get("birth_date")), Integer.parseInt(rec.get("age")),
                        LocalDate.parse(rec.get("death_date")), emptyToNull(rec.get("death_place")),
                        emptyToNull(rec.get("direct_cause")), emptyToNull(rec.get("direct_cause_icd10")),
                        emptyToNull(rec.get("other_diagnoses")), SampleCertificate.read(rec)));
            }
            return deaths;
        }
    }

    private static CSVFormat format(List<String> header) {
        return CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- generation ----

    private record Person(String id, String name, String sex, LocalDate birthDate) {
    }

    private record InvalidId(String id, IdRejection reason) {
    }

    /** A new person whose valid ID is not yet in {@code taken}; adds it. */
    private static Person person(Random rnd, Set<String> taken) {
        while (true) {
            String sex = rnd.nextBoolean() ? "M" : "F";
            LocalDate birth = between(rnd, BIRTH_FROM, BIRTH_TO);
            String region = REGION_CODES.get(rnd.nextInt(REGION_CODES.size()));
            String id = validId(region, birth, sequence(rnd, sex));
            if (taken.add(id)) {
                return new Person(id, name(rnd, sex), sex, birth);
            }
        }
    }

    /** A person no death shares name, sex and birth date with, so a probable search cannot link them either. */
    private static Person living(Random rnd, Set<String> taken, Set<String> dead) {
        while (true) {
            Person p = person(rnd, taken);
            if (!dead.contains(personKey(p.name, p.sex, p.birthDate))) {
                return p;
            }
        }
    }

    private static String personKey(String name, String sex, LocalDate birthDate) {
        return name + '|' + sex + '|' + birthDate;
    }

    /** 001..999: odd for men, even (002..998) for women. */
    private static int sequence(Random rnd, String sex) {
        int n = 1 + rnd.nextInt(499); // 1..499
        return "M".equals(sex) ? 2 * n - 1 : 2 * n;
    }

    /** A well-formed resident ID: region, birth date, sequence (odd for men) and the right check character. */
    public static String validId(String region, LocalDate birth, int sequence) {
        String first17 = region + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth()) + String.format("%03d", sequence);
        return first17 + ResidentIds.checkCharacter(first17);
    }

    /** Cycles through the kinds of invalid ID so that every kind appears once there are a few. */
    private static InvalidId invalidId(Random rnd, Person p, int index) {
        String id = p.id;
        switch (index % 7) {
            case 0 -> {
                char wrong = id.charAt(17);
                String checks = "0123456789X";
                while (wrong == id.charAt(17)) {
                    wrong = checks.charAt(rnd.nextInt(checks.length()));
                }
                return new InvalidId(id.substring(0, 17) + wrong, IdRejection.BAD_CHECK_DIGIT);
            }
            case 1 -> {
                // 15 characters would read as a legacy ID
                String shortened = rnd.nextBoolean() ? id.substring(0, 17) : id.substring(0, 16);
                String lengthened = id + rnd.nextInt(10);
                return new InvalidId(rnd.nextBoolean() ? shortened : lengthened, IdRejection.WRONG_LENGTH);
            }
            case 2 -> {
                // month 13, day 30 of February or day 32: no such date; the check character is right for the digits
                String[] impossible = {"1301", "0230", "0432", "0631", "0000"};
                String first17 = id.substring(0, 10) + impossible[rnd.nextInt(impossible.length)] + id.substring(14, 17);
                return new InvalidId(first17 + ResidentIds.checkCharacter(first17), IdRejection.BAD_BIRTH_DATE);
            }
            case 3 -> {
                return new InvalidId("", IdRejection.MISSING);
            }
            case 4 -> {
                // the letter O typed for a zero, or a lower-case L for a one
                int at = 1 + rnd.nextInt(15);
                char c = rnd.nextBoolean() ? 'O' : 'l';
                return new InvalidId(id.substring(0, at) + c + id.substring(at + 1), IdRejection.BAD_CHARACTERS);
            }
            case 5 -> {
                // a region code that is no province: 00, 90 or 99
                String[] noProvince = {"00", "90", "99"};
                String first17 = noProvince[rnd.nextInt(noProvince.length)] + id.substring(2, 17);
                return new InvalidId(first17 + ResidentIds.checkCharacter(first17), IdRejection.BAD_REGION);
            }
            default -> {
                return new InvalidId("   ", IdRejection.MISSING);
            }
        }
    }

    private static String name(Random rnd, String sex) {
        String surname = SURNAMES[rnd.nextInt(SURNAMES.length)];
        char[] pool = "M".equals(sex) ? MALE_GIVEN : FEMALE_GIVEN;
        StringBuilder name = new StringBuilder(surname).append(pool[rnd.nextInt(pool.length)]);
        if (rnd.nextInt(10) < 7) {
            name.append(pool[rnd.nextInt(pool.length)]);
        }
        return name.toString();
    }

    private static Cause cause(Random rnd, String sex) {
        while (true) {
            Cause c = CAUSES.get(rnd.nextInt(CAUSES.size()));
            if (c.onlySex == ' ' || c.onlySex == sex.charAt(0)) {
                return c;
            }
        }
    }

    private static String deathPlace(Random rnd) {
        int r = rnd.nextInt(100);
        if (r < 55) {
            return "医院";
        } else if (r < 88) {
            return "家中";
        } else if (r < 96) {
            return "养老院";
        }
        return "其他";
    }

    private static String otherDiagnoses(Random rnd, Cause cause) {
        if (rnd.nextInt(100) >= 40) {
            return null;
        }
        List<String> picked = new ArrayList<>();
        int n = 1 + rnd.nextInt(2);
        while (picked.size() < n) {
            String d = OTHER_DIAGNOSES.get(rnd.nextInt(OTHER_DIAGNOSES.size()));
            if (!picked.contains(d) && !d.endsWith(" " + cause.icd10)) {
                picked.add(d);
            }
        }
        return String.join("; ", picked);
    }

    private static LocalDate between(Random rnd, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return from.plusDays((long) (rnd.nextDouble() * (days + 1)));
    }
}
