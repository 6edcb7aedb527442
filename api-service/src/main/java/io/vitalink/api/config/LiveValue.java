package io.vitalink.api.config;

import io.vitalink.config.Setting;
import java.util.Objects;
import java.util.function.Function;

/**
 * A setting's value as it is now: the configured one, parsed once per change, or the deployment's. Cheap enough to
 * read on every request.
 */
public final class LiveValue<T> {

    private record Parsed<T>(String text, T value) {
    }

    private final RuntimeSettings settings;
    private final Setting setting;
    private final Function<String, T> parse;
    private final T deployed;
    private volatile Parsed<T> last;

    public LiveValue(RuntimeSettings settings, Setting setting, Function<String, T> parse, T deployed) {
        this.settings = settings;
        this.setting = setting;
        this.parse = parse;
        this.deployed = deployed;
    }

    public T get() {
        String text = settings.configured(setting).orElse(null);
        Parsed<T> p = last;
        if (p == null || !Objects.equals(p.text(), text)) {
            p = new Parsed<>(text, text == null ? deployed : parse.apply(text));
            last = p;
        }
        return p.value();
    }

    public T deployed() {
        return deployed;
    }
}
