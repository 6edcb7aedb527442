package io.vitalink.local.evaluation;

import io.vitalink.local.SampleCertificates;
import io.vitalink.local.SampleData;
import io.vitalink.local.SampleDeath;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A seeded, reproducible labelled data set for measuring match quality: a death registry (with duplicate
 * registrations and twins) and patient requests whose truth is known, made the ways real submissions go wrong.
 *
 * <p>Names follow a skewed distribution (a few surnames and given-name characters are very common, as in real
 * registries) and births fall in a narrow window, so that blocks of one birth date and sex are crowded and
 * namesakes occur naturally, not only where a scenario puts them.
 */
public record EvaluationSet(List<SampleDeath> registryRows, List<LabelledRequest> requests) {

    /** Requests per 1,000 patients for each scenario: 40 % dying, as in a cancer cohort followed for years. */
    static final Map<Scenario, Integer> PER_MILLE = new EnumMap<>(Map.ofEntries(
            Map.entry(Scenario.EXACT, 240), Map.entry(Scenario.FULL_WIDTH_ID, 20), Map.entry(Scenario.LEGACY_ID, 20),
            Map.entry(Scenario.FORMATTED_ID, 20), Map.entry(Scenario.DOT_VARIANT_NAME, 10),
            Map.entry(Scenario.NAME_TYPO, 30), Map.entry(Scenario.SWAPPED_BIRTH_DATE, 15),
            Map.entry(Scenario.MISSING_ID, 30), Map.entry(Scenario.MISTYPED_ID, 15),
            Map.entry(Scenario.ALIVE, 490), Map.entry(Scenario.ALIVE_WITHOUT_ID, 30),
            Map.entry(Scenario.ALIVE_NAMESAKE, 40), Map.entry(Scenario.ALIVE_TWIN, 40)));

    static final double DUPLICATE_REGISTRATIONS = 0.02;
    static final double DEAD_TWINS = 0.01;
    static final double MINORITY_NAMES = 0.05;

    private static final LocalDate BIRTH_FROM = LocalDate.of(1940, 1, 1);
    private static final LocalDate BIRTH_TO = LocalDate.of(1949, 12, 31);
    private static final LocalDate DEATH_FROM = LocalDate.of(2016, 1, 1);
    private static final LocalDate DEATH_TO = LocalDate.of(2025, 12, 31);
    private static final List<String> REGIONS = List.of("110101", "110102", "110105", "310101", "310104", "320102",
            "330102", "420102", "440103", "440104", "510104", "530102", "650102", "654002");
    /** The commonest surnames first; drawn with weight 1/rank. */
    private static final String[] SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 高 郑 梁 谢 宋 唐 "
            + "许 邓 冯 韩 曹 曾 彭 萧 蔡 潘 田 董 袁 于 余 叶 蒋 杜 苏 魏 程 吕 丁 沈 任 姚 卢 傅 钟 姜 崔 谭 廖 范 汪 陆 "
            + "金 石 戴 贾 韦 夏 邱 方 侯 邹 熊 孟 秦 白 江 阎 薛 尹 段 雷 黎 史 龙 陶 贺 顾 毛 郝 龚 邵 万 钱 严 赖 覃 洪 "
            + "武 莫 孔 欧阳 上官").split(" ");
    private static final String MALE_CHARACTERS = "伟强军磊勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志"
            + "海东峰新荣文春生德福庆兴家忠山发永胜利宝成贵和安振祥铁金";
    private static final String FEMALE_CHARACTERS = "芳娜敏静秀丽艳娟霞燕玲桂英华红梅琴云萍兰凤珍玉翠淑慧莉美菊香巧雪"
            + "春月洁琳晶倩婷颖蓉萱薇丹璐瑶";
    private static final String[] MINORITY_GIVEN = ("阿依古丽 买买提 热依拉 艾力 古丽娜尔 吐尔逊 帕提古丽 努尔 "
            + "阿不都 迪丽拜尔 扎西 卓玛 次仁 格桑 拉姆 巴特尔 其其格 乌兰").split(" ");
    private static final String[] MINORITY_FAMILY = ("买买提 艾则孜 吐尔洪 阿不力孜 热合曼 多吉 旺堆 达瓦 "
            + "巴图 朝鲁 哈斯").split(" ");
    private static final String[] DOT_VARIANTS = {"•", "・", "‧", " · ", "･"};
    private static final String[] CAUSES = {"肺恶性肿瘤|C34.9", "肝恶性肿瘤|C22.0", "胃恶性肿瘤|C16.9",
        "结肠恶性肿瘤|C18.9", "急性心肌梗死|I21.9", "脑梗死|I63.9", "慢性阻塞性肺病|J44.9", "肺炎|J18.9"};
    private static final String[] PLACES = {"医院", "家中", "养老院", "急救途中"};

    private record Person(String id, String region, int sequence, String name, String sex, LocalDate birth) {
    }

    /**
     * @param deaths distinct dead people in the registry (twins of some of them come on top)
     * @param patients requests; the number of each scenario is its share of {@link #PER_MILLE}
     */
    public static EvaluationSet generate(long seed, int deaths, int patients) {
        if (deaths < 1 || patients < 1) {
            throw new IllegalArgumentException("need at least one death and one patient");
        }
        Map<Scenario, Integer> counts = counts(patients);
        int dying = counts.entrySet().stream().filter(e -> e.getKey().dying()).mapToInt(Map.Entry::getValue).sum();
        if (dying > deaths) {
            throw new IllegalArgumentException(dying + " dying patients need at least as many deaths; got " + deaths);
        }
        return new Generator(new Random(seed), new Random(seed ^ SampleData.CAUSES_SEED)).generate(deaths, counts);
    }

    static Map<Scenario, Integer> counts(int patients) {
        Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
        int assigned = 0;
        for (Scenario s : Scenario.values()) {
            int n = (int) Math.round(patients * PER_MILLE.get(s) / 1000.0);
            counts.put(s, n);
            assigned += n;
        }
        counts.merge(Scenario.ALIVE, patients - assigned, Integer::sum);
        return counts;
    }

    /** UTF-8 CSV as the API takes it: record_id,id_number,name,sex,birth_date (the truth is not written). */
    public void writeRequestsCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder()
                     .setHeader("record_id", "id_number", "name", "sex", "birth_date").get().print(w)) {
            for (LabelledRequest r : requests) {
                csv.printRecord(r.recordId(), r.idNumber(), r.name(), r.sex(), r.birthDate());
            }
        }
    }

    private static final class Generator {
        private final Random rnd;
        /** Draws the certificates' chains apart from {@link #rnd}: names, IDs and dates do not depend on them. */
        private final Random causes;
        private final Set<String> takenIds = new HashSet<>();

        Generator(Random rnd, Random causes) {
            this.rnd = rnd;
            this.causes = causes;
        }

        EvaluationSet generate(int deathCount, Map<Scenario, Integer> counts) {
            List<Person> dead = new ArrayList<>();
            for (int i = 0; i < deathCount; i++) {
                dead.add(newPerson());
            }
            List<Person> deadTwins = new ArrayList<>();
            for (Person p : dead) {
                if (rnd.nextDouble() < DEAD_TWINS) {
                    twinOf(p).ifPresent(deadTwins::add);
                }
            }
            List<SampleDeath> rows = new ArrayList<>();
            for (Person p : concat(dead, deadTwins)) {
                SampleDeath death = death(p);
                rows.add(death);
                if (rnd.nextDouble() < DUPLICATE_REGISTRATIONS) {
                    // registered twice, e.g. by the hospital and the district: same death, another place text
                    rows.add(new SampleDeath(death.name(), death.idNumber(), death.sex(), death.birthDate(), death.age(),
                            death.deathDate(), PLACES[(index(death.deathPlace()) + 1) % PLACES.length],
                            death.directCause(), death.directCauseIcd10(), death.otherDiagnoses(), death.certificate()));
                }
            }
            Collections.shuffle(rows, rnd);

            List<Person> pool = new ArrayList<>(dead);
            Collections.shuffle(pool, rnd);
            List<Person> dotted = new ArrayList<>(pool.stream().filter(p -> p.name().indexOf('·') >= 0).toList());
            pool.removeIf(p -> p.name().indexOf('·') >= 0); // removeAll(dotted) is quadratic: minutes at 10⁶
            List<LabelledRequest> requests = new ArrayList<>();
            for (Scenario s : Scenario.values()) {
                for (int i = 0; i < counts.get(s); i++) {
                    LabelledRequest r = request(s, s == Scenario.DOT_VARIANT_NAME && !dotted.isEmpty() ? dotted : pool, dead);
                    requests.add(r);
                }
            }
            Collections.shuffle(requests, rnd);
            List<LabelledRequest> numbered = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                LabelledRequest r = requests.get(i);
                numbered.add(new LabelledRequest(String.format("e%06d", i + 1), r.idNumber(), r.name(), r.sex(),
                        r.birthDate(), r.scenario(), r.truthId()));
            }
            return new EvaluationSet(List.copyOf(rows), List.copyOf(numbered));
        }

        private LabelledRequest request(Scenario s, List<Person> pool, List<Person> dead) {
            if (s.dying()) {
                Person p = pool.isEmpty() ? dead.get(rnd.nextInt(dead.size())) : pool.remove(pool.size() - 1);
                return switch (s) {
                    case EXACT -> labelled(s, p, p.id(), p.name(), p.birth(), p);
                    case FULL_WIDTH_ID -> labelled(s, p, fullWidth(p.id()), p.name(), p.birth(), p);
                    case LEGACY_ID -> labelled(s, p, p.id().substring(0, 6) + p.id().substring(8, 17), p.name(), p.birth(), p);
                    case FORMATTED_ID -> labelled(s, p, formatted(p.id()), p.name(), p.birth(), p);
                    case DOT_VARIANT_NAME -> labelled(s, p, p.id(), otherDot(p.name()), p.birth(), p);
                    case NAME_TYPO -> labelled(s, p, p.id(), typo(p), p.birth(), p);
                    case SWAPPED_BIRTH_DATE -> labelled(s, p, p.id(), p.name(), swapped(p.birth()), p);
                    case MISSING_ID -> labelled(s, p, null, p.name(), p.birth(), p);
                    case MISTYPED_ID -> labelled(s, p, mistyped(p.id()), p.name(), p.birth(), p);
                    default -> throw new AssertionError(s);
                };
            }
            return switch (s) {
                case ALIVE -> alive(s, newPerson(), true);
                case ALIVE_WITHOUT_ID -> alive(s, newPerson(), false);
                case ALIVE_NAMESAKE -> {
                    Person model = dead.get(rnd.nextInt(dead.size()));
                    Person namesake;
                    String id;
                    do {
                        namesake = newPerson();
                        id = SampleData.validId(namesake.region(), model.birth(), namesake.sequence());
                    } while (!namesake.sex().equals(model.sex()) || !takenIds.add(id));
                    yield alive(s, new Person(id, namesake.region(), namesake.sequence(), model.name(), model.sex(),
                            model.birth()), true);
                }
                case ALIVE_TWIN -> {
                    Person twin = null;
                    while (twin == null) {
                        twin = twinOf(dead.get(rnd.nextInt(dead.size()))).orElse(null);
                    }
                    yield alive(s, twin, true);
                }
                default -> throw new AssertionError(s);
            };
        }

        private LabelledRequest labelled(Scenario s, Person p, String id, String name, LocalDate birth, Person truth) {
            return new LabelledRequest("", id, name, p.sex(), birth, s, truth == null ? null : truth.id());
        }

        private LabelledRequest alive(Scenario s, Person p, boolean withId) {
            return new LabelledRequest("", withId ? p.id() : null, p.name(), p.sex(), p.birth(), s, null);
        }

        private Person newPerson() {
            while (true) {
                String sex = rnd.nextBoolean() ? "M" : "F";
                LocalDate birth = between(BIRTH_FROM, BIRTH_TO);
                String region = REGIONS.get(rnd.nextInt(REGIONS.size()));
                int sequence = 2 * rnd.nextInt(499) + ("M".equals(sex) ? 1 : 2);
                String id = SampleData.validId(region, birth, sequence);
                if (takenIds.add(id)) {
                    return new Person(id, region, sequence, name(sex), sex, birth);
                }
            }
        }

        /** Born the same day in the same place, registered right after: the next sequence number of that sex. */
        private java.util.Optional<Person> twinOf(Person p) {
            for (int step : new int[] {2, -2, 4, -4}) {
                int sequence = p.sequence() + step;
                String id = sequence < 1 || sequence > 999 ? null : SampleData.validId(p.region(), p.birth(), sequence);
                if (id != null && takenIds.add(id)) {
                    String name;
                    do {
                        name = surnameOf(p.name()) + given(p.sex());
                    } while (name.equals(p.name()));
                    return java.util.Optional.of(new Person(id, p.region(), sequence, name, p.sex(), p.birth()));
                }
            }
            return java.util.Optional.empty();
        }

        private SampleDeath death(Person p) {
            LocalDate died = between(DEATH_FROM, DEATH_TO);
            String[] cause = CAUSES[rnd.nextInt(CAUSES.length)].split("\\|");
            return SampleCertificates.issue(new SampleDeath(p.name(), p.id(), p.sex(), p.birth(),
                    Period.between(p.birth(), died).getYears(), died, PLACES[rnd.nextInt(PLACES.length)], cause[0], cause[1],
                    null), causes);
        }

        private String name(String sex) {
            if (rnd.nextDouble() < MINORITY_NAMES) {
                return MINORITY_GIVEN[rnd.nextInt(MINORITY_GIVEN.length)] + "·"
                        + MINORITY_FAMILY[rnd.nextInt(MINORITY_FAMILY.length)];
            }
            return SURNAMES[skewed(SURNAMES.length)] + given(sex);
        }

        private String given(String sex) {
            String pool = "M".equals(sex) ? MALE_CHARACTERS : FEMALE_CHARACTERS;
            StringBuilder given = new StringBuilder().append(pool.charAt(skewed(pool.length())));
            if (rnd.nextInt(10) < 6) {
                given.append(pool.charAt(skewed(pool.length())));
            }
            return given.toString();
        }

        /** A rank in [0, n) drawn with probability proportional to 1/(rank+1): Zipf with exponent 1. */
        private int skewed(int n) {
            double harmonic = Math.log(n) + 0.5772;
            double u = rnd.nextDouble() * harmonic;
            double sum = 0;
            for (int rank = 0; rank < n; rank++) {
                sum += 1.0 / (rank + 1);
                if (u <= sum) {
                    return rank;
                }
            }
            return n - 1;
        }

        private String typo(Person p) {
            String name = p.name();
            String surname = name.indexOf('·') >= 0 ? "" : surnameOf(name);
            int at = surname.length() + rnd.nextInt(name.length() - surname.length());
            String pool = "M".equals(p.sex()) ? MALE_CHARACTERS : FEMALE_CHARACTERS;
            char replacement;
            do {
                replacement = pool.charAt(rnd.nextInt(pool.length()));
            } while (replacement == name.charAt(at) || name.charAt(at) == '·');
            return name.substring(0, at) + replacement + name.substring(at + 1);
        }

        private String otherDot(String name) {
            return name.replace("·", DOT_VARIANTS[rnd.nextInt(DOT_VARIANTS.length)]);
        }

        private LocalDate swapped(LocalDate birth) {
            if (birth.getDayOfMonth() <= 12 && birth.getDayOfMonth() != birth.getMonthValue()) {
                return LocalDate.of(birth.getYear(), birth.getDayOfMonth(), birth.getMonthValue());
            }
            return birth.plusDays(1);
        }

        private String mistyped(String id) {
            int at = 14 + rnd.nextInt(3);
            char digit;
            do {
                digit = (char) ('0' + rnd.nextInt(10));
            } while (digit == id.charAt(at));
            return id.substring(0, at) + digit + id.substring(at + 1);
        }

        private String formatted(String id) {
            String spaced = switch (rnd.nextInt(3)) {
                case 0 -> id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14);
                case 1 -> id.substring(0, 6) + "-" + id.substring(6, 14) + "-" + id.substring(14);
                default -> " " + id + " ";
            };
            return spaced.replace('X', 'x');
        }

        private LocalDate between(LocalDate from, LocalDate to) {
            return from.plusDays(rnd.nextLong(ChronoUnit.DAYS.between(from, to) + 1));
        }
    }

    private static String fullWidth(String id) {
        StringBuilder out = new StringBuilder();
        id.chars().forEach(c -> out.append((char) (c == 'X' ? 'Ｘ' : '０' + (c - '0'))));
        return out.toString();
    }

    private static String surnameOf(String name) {
        return name.startsWith("欧阳") || name.startsWith("上官") ? name.substring(0, 2) : name.substring(0, 1);
    }

    private static int index(String place) {
        for (int i = 0; i < PLACES.length; i++) {
            if (PLACES[i].equals(place)) {
                return i;
            }
        }
        return 0;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
