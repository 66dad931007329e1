package org.pollscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pollscope.kernel.text.Utf8;
import org.pollscope.lessons.LessonSyntaxException;

/**
 * Reads a lesson file given on the command line: UTF-8 (a byte-order mark skipped), or a
 * {@link LessonSyntaxException} at the line and column of the first byte that is not (a NUL
 * byte too: the file is binary) or at line 1 when the file is empty. A file over
 * {@link Utf8#MAX_FILE_BYTES} is refused before it is read ({@link Utf8.TooLarge}).
 */
final class LessonFiles {
    private LessonFiles() {}

    static String read(Path f) throws IOException {
        byte[] bytes = Utf8.readFile(f);
        if (bytes.length == 0) {
            throw new LessonSyntaxException(f.toString(), 1, "the file is empty (a lesson starts with its front matter:"
                + " a line '---', then 'key: value' lines, then '---')");
        }
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.Malformed e) {
            throw new LessonSyntaxException(f.toString(), e.line(), e.getMessage() + " (column " + e.col() + ")");
        }
    }

    /** One line for a lesson file that cannot be read at all: {@code FILE: no such file}, {@code FILE: too large (...)}, ... */
    static String problem(Path f, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return f + ": no such file";
        if (e instanceof Utf8.TooLarge) return f + ": " + e.getMessage();
        if (Files.isDirectory(f)) return f + ": cannot be read (it is a directory)";
        return f + ": cannot be read (" + e.getMessage() + ")";
    }
}
