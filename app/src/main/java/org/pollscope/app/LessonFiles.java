package org.pollscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pollscope.kernel.text.Utf8;
import org.pollscope.lessons.LessonSyntaxException;

/**
 * Reads a lesson file given on the command line: UTF-8 (a byte-order mark skipped), or a
 * {@link LessonSyntaxException} at the line and column of the first byte that is not.
 */
final class LessonFiles {
    private LessonFiles() {}

    static String read(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.Malformed e) {
            throw new LessonSyntaxException(f.toString(), e.line(), e.getMessage() + " (column " + e.col() + ")");
        }
    }
}
