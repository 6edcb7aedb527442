package io.vitalink.id;

/** The outcome of checking an ID: the normalised key, or why it was refused. */
public sealed interface IdCheck {

    /**
     * @param id the normalised key. For a resident ID: 18 characters, digits, then a digit or upper-case X
     *           (no prefix). For any other document type: {@link IdType#keyPrefix()} then the normalised number,
     *           e.g. {@code PASSPORT:E12345678}, so that it can never equal a resident ID.
     */
    record Valid(String id) implements IdCheck {
    }

    record Invalid(IdRejection reason) implements IdCheck {
    }
}
