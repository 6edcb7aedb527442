package io.vitalink.bench;

import java.util.List;

/** The stage names every system reports, in table order. */
final class Stages {

    static final String LOAD_REGISTRY = "load registry";
    static final String TAKE_IN = "take in registry";
    static final String LOAD_REQUESTS = "load requests";
    static final String MATCH = "match";
    static final String EXPORT = "export results";

    static final List<String> ALL = List.of(LOAD_REGISTRY, TAKE_IN, LOAD_REQUESTS, MATCH, EXPORT);

    private Stages() {
    }
}
