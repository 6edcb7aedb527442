package io.vitalink.loader;

/** Which input of a load a reject-file line refers to; its label is the {@code input} column of the reject file. */
public enum Input {
    /** The death-registry export, {@code --file}. */
    FILE("file"),
    /** The list of deaths to withdraw, {@code --delete-file}. */
    DELETE_FILE("delete-file");

    private final String label;

    Input(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
