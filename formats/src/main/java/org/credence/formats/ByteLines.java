package org.credence.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a stream as raw bytes, ended as {@link java.io.BufferedReader#readLine} ends them (by
 * {@code \n}, {@code \r} or {@code \r\n}), so that line numbers agree with any reader of the text.
 * Bulk files are read this way so that each line goes to the JSON parser as UTF-8 bytes, without being
 * decoded into a string first (reading lines as strings was 7% of the samples of reading a 2 million
 * line file, and the parser then reads the characters again).
 */
final class ByteLines {

    private static final int BUFFER_BYTES = 1 << 20;

    private final InputStream in;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    private boolean eof;
    // The last line ended with \r: a \n right after it belongs to the same line end.
    private boolean afterReturn;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null after the last. */
    byte[] next() throws IOException {
        if (afterReturn) {
            afterReturn = false;
            if (start == end) {
                fill();
            }
            if (start < end && buffer[start] == '\n') {
                start++;
            }
        }
        int scan = start;
        while (true) {
            for (; scan < end; scan++) {
                byte b = buffer[scan];
                if (b == '\n' || b == '\r') {
                    byte[] line = Arrays.copyOfRange(buffer, start, scan);
                    start = scan + 1;
                    afterReturn = b == '\r';
                    return line;
                }
            }
            if (eof) {
                if (start == end) {
                    return null;
                }
                byte[] line = Arrays.copyOfRange(buffer, start, end);
                start = end;
                return line;
            }
            scan -= start;
            fill();
            scan += start;
        }
    }

    /** Moves what is unread to the front of the buffer (growing it for a line longer than it) and reads more. */
    private void fill() throws IOException {
        int unread = end - start;
        if (unread == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        } else {
            System.arraycopy(buffer, start, buffer, 0, unread);
        }
        start = 0;
        end = unread;
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
    }
}
