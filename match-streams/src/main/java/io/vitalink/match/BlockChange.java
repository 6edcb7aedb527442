package io.vitalink.match;

/** A change of the block index as {@link StoreBlockEntry} applied it: the death's bytes before and after (null: none). */
record BlockChange(byte[] before, byte[] after) {
}
