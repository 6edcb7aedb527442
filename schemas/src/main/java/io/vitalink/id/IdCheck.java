package io.vitalink.id;

/** The outcome of checking a resident ID: the normalised ID, or why it was refused. */
public sealed interface IdCheck {

    /** @param id the normalised 18-character ID: digits, then a digit or upper-case X */
    record Valid(String id) implements IdCheck {
    }

    record Invalid(IdRejection reason) implements IdCheck {
    }
}
