package io.vitalink.api.intake;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** A filter that works on whole buffers: the one-character read goes through {@link #read(char[], int, int)}. */
abstract class ArrayReader extends FilterReader {

    ArrayReader(Reader in) {
        super(in);
    }

    @Override
    public final int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) == -1 ? -1 : one[0];
    }
}
