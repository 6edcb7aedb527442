package io.vitalink.match;

import io.vitalink.config.Setting;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.settings.LiveSettings;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probable matcher with the threshold and margin in force: configured at run time
 * ({@code matching.probableThreshold}, {@code matching.probableMargin}), else this deployment's. A pair that
 * cannot work together (the margin not below the threshold) keeps the matcher in use and says so.
 */
final class LiveMatcher implements Supplier<ProbableMatcher> {

    private static final Logger log = LoggerFactory.getLogger(LiveMatcher.class);

    private final ProbableMatcher deployed;
    private final LiveSettings settings;
    private long version;
    private ProbableMatcher current;

    LiveMatcher(ProbableMatcher deployed, LiveSettings settings) {
        this.deployed = deployed;
        this.settings = settings;
        this.current = deployed;
    }

    @Override
    public ProbableMatcher get() {
        long now = settings.version();
        if (now != version) {
            version = now;
            double threshold = settings.value(Setting.PROBABLE_THRESHOLD).map(Double::parseDouble).orElse(deployed.threshold());
            double margin = settings.value(Setting.PROBABLE_MARGIN).map(Double::parseDouble).orElse(deployed.margin());
            if (margin < threshold) {
                current = new ProbableMatcher(threshold, margin);
            } else {
                log.warn("Settings version {}: probable margin {} is not below threshold {}; the matcher keeps threshold {} and margin {}",
                        now, margin, threshold, current.threshold(), current.margin());
            }
        }
        return current;
    }
}
