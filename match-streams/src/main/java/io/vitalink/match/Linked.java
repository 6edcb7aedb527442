package io.vitalink.match;

/**
 * What linking by ID gave a request: a decision, or, for a request that is not on the partition of its ID's death
 * record (keyed otherwise by its producer), the sealed ID it must move to and its sealed bytes.
 */
record Linked(Decided decided, String sealedId, byte[] raw) {

    static Linked decided(Decided decided) {
        return new Linked(decided, null, null);
    }

    static Linked elsewhere(String sealedId, byte[] raw) {
        return new Linked(null, sealedId, raw);
    }

    boolean isDecided() {
        return decided != null;
    }
}
