package org.pollscope.kernel.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text of a file a person gives PollScope (a scenario, a lesson, a saved trace): strict
 * UTF-8, with a byte-order mark at the start skipped (editors on Windows write one), and a
 * byte that is not UTF-8 reported at its line and column, not at the start of the file.
 */
public final class Utf8 {
    private Utf8() {}

    /** A byte that is not UTF-8, at a line and column (from 1; the column counts characters before it). */
    public static final class Malformed extends Exception {
        private final int line;
        private final int col;

        Malformed(int line, int col, String message) {
            super(message);
            this.line = line;
            this.col = col;
        }

        public int line() {
            return line;
        }

        public int col() {
            return col;
        }
    }

    /** The text of {@code bytes}, without a leading byte-order mark. */
    public static String decode(byte[] bytes) throws Malformed {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            int line = 1;
            int col = 1;
            for (int k = 0; k < out.length(); k++) {
                if (out.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else if (!Character.isLowSurrogate(out.charAt(k))) {
                    col++;
                }
            }
            int b = bytes[in.position()] & 0xff;
            String what = start == 0 && line == 1 && col == 1 && looksUtf16(bytes) ? " (the file looks like UTF-16; save it as UTF-8)" : "";
            throw new Malformed(line, col, String.format(Locale.ROOT, "byte 0x%02X is not UTF-8 text%s", b, what));
        }
        d.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean looksUtf16(byte[] bytes) {
        return bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
            || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF);
    }

    /** {@link #decode} of text already read as a string: only the byte-order mark is dropped. */
    public static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
