package io.vitalink.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One change of the run-time settings: the settings in force, the values asked for (null: back to the deployment's
 * value), and what results — every value checked, the settings checked together, and what changed from what.
 *
 * @param settings every configured setting after the change, by key, in canonical text
 * @param changes each setting whose value changed, in key order
 */
public record ConfigChange(Map<String, String> settings, List<Change> changes) {

    /** {@code from} or {@code to} null: the deployment's value. */
    public record Change(String key, String from, String to) {
    }

    /** Every problem of the values asked for, one sentence each. */
    public static final class Invalid extends IllegalArgumentException {

        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** @throws Invalid when a key is unknown, a value out of its bounds, or the settings disagree with each other */
    public static ConfigChange of(Map<String, String> current, Map<String, String> asked) {
        List<String> problems = new ArrayList<>();
        Map<String, String> next = new TreeMap<>(current);
        asked.forEach((key, value) -> {
            Setting setting = Setting.byKey(key).orElse(null);
            if (setting == null) {
                problems.add("unknown setting " + key);
            } else if (value == null) {
                next.remove(key);
            } else {
                try {
                    next.put(key, setting.canonical(value));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        if (problems.isEmpty()) {
            together(next, problems);
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        List<Change> changes = new ArrayList<>();
        new TreeMap<>(asked).keySet().forEach(key -> {
            if (!Objects.equals(current.get(key), next.get(key))) {
                changes.add(new Change(key, current.get(key), next.get(key)));
            }
        });
        return new ConfigChange(Map.copyOf(next), List.copyOf(changes));
    }

    private static void together(Map<String, String> next, List<String> problems) {
        String threshold = next.get(Setting.PROBABLE_THRESHOLD.key());
        String margin = next.get(Setting.PROBABLE_MARGIN.key());
        if (threshold != null && margin != null && Double.parseDouble(margin) >= Double.parseDouble(threshold)) {
            problems.add(Setting.PROBABLE_MARGIN.key() + " must be less than " + Setting.PROBABLE_THRESHOLD.key());
        }
        if ("".equals(next.get(Setting.ALLOWED_IPS.key()))) {
            problems.add(Setting.ALLOWED_IPS.key() + " must not be empty: nobody could reach the API");
        }
        if (next.containsKey(Setting.RECORDS_PER_JOB.key()) && next.containsKey(Setting.RECORDS_PER_DAY.key())
                && Long.parseLong(next.get(Setting.RECORDS_PER_JOB.key())) > Long.parseLong(next.get(Setting.RECORDS_PER_DAY.key()))) {
            problems.add(Setting.RECORDS_PER_JOB.key() + " must not exceed " + Setting.RECORDS_PER_DAY.key());
        }
    }
}
