package io.vitalink.loader;

/**
 * Why a whole load failed (as opposed to one row, see {@link RowRejection}). The codes are stable and
 * listed in docs/ERRORS.md; the CLI prints them and exits non-zero. New constants are only ever appended.
 */
public enum LoadFailure {
    INPUT_NOT_READABLE("VL-3101", "The input file does not exist or cannot be read"),
    BAD_HEADER("VL-3102", "The header row of the input file lacks a required column or names a column twice"),
    MALFORMED_INPUT("VL-3103", "The input file is not valid UTF-8 CSV"),
    REJECT_FILE_NOT_WRITABLE("VL-3104", "The reject file cannot be written"),
    BROKER_UNREACHABLE("VL-3105", "The Kafka cluster cannot be reached or the death-records topic does not exist"),
    SEND_FAILED("VL-3106", "Kafka did not acknowledge every record; the load is incomplete and can be run again"),
    BAD_PRODUCER_CONFIG("VL-3107", "The producer configuration is invalid"),
    SNAPSHOT_FAILED("VL-3108", "The current content of the death-records topic could not be read"),
    WORK_STORE_FAILED("VL-3109", "The temporary work store could not be created or written"),
    NO_KEYSET("VL-3110", "The keysets that seal identifiers and names are missing or unreadable");

    private final String code;
    private final String message;

    LoadFailure(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
