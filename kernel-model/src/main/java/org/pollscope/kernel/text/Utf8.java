package org.pollscope.kernel.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text of a file a person gives PollScope (a scenario, a lesson, a saved trace): strict
 * UTF-8, with a byte-order mark at the start skipped (editors on Windows write one), and a
 * byte that is not UTF-8 reported at its line and column, not at the start of the file. A NUL
 * byte is refused the same way: UTF-8 allows it, but no text PollScope reads has one, and a
 * file that does is binary (an image, an executable, a core dump given by mistake).
 *
 * <p>{@link #readFile} reads such a file, refusing one over {@link #MAX_FILE_BYTES} before
 * reading it into memory.
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The largest file a person gives that is read: 64 MiB. The largest real inputs are far
     * below it (the biggest lesson is some 20 KiB; a 100,001-line scenario is 2 MiB; a saved trace
     * of a long run some MiB), and a file over it would be held several times over in memory as
     * bytes, text and parsed form.
     */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /** A file refused before it was read: larger than {@link #MAX_FILE_BYTES}. Its message is {@code too large (N MiB; the limit is 64 MiB)}. */
    public static final class TooLarge extends IOException {
        TooLarge(String size) {
            super("too large (" + size + "; the limit is " + (MAX_FILE_BYTES >> 20) + " MiB)");
        }
    }

    /**
     * The bytes of the file at {@code p}, refused with {@link TooLarge} before it is read when its
     * size is over {@link #MAX_FILE_BYTES}. A file whose size is not known ahead (a device such as
     * {@code /dev/zero}, a pipe) is read up to the limit and one byte more, and refused there.
     */
    public static byte[] readFile(Path p) throws IOException {
        long size = Files.size(p);
        if (size > MAX_FILE_BYTES) throw new TooLarge(mebibytes(size));
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) throw new TooLarge("more than " + (MAX_FILE_BYTES >> 20) + " MiB");
            return b;
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%d MiB", (bytes + (1 << 20) - 1) >> 20);
    }

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
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = 1;
            int col = 1;
            for (int k = 0; k < nul; k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else if (!Character.isLowSurrogate(text.charAt(k))) {
                    col++;
                }
            }
            throw new Malformed(line, col, "byte 0x00 (NUL) is not text (the file looks binary)");
        }
        return text;
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
