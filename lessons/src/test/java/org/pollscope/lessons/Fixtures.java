package org.pollscope.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test course under src/test/resources/course, and the example of docs/authoring-lessons.md. */
final class Fixtures {
    private Fixtures() {}

    static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture lesson of the test course, parsed. */
    static Lesson lesson(String lang, String id) {
        String file = lang + "/" + id + ".md";
        return LessonParser.parse(file, resource("course/" + file));
    }

    /** The lesson between the lesson-example markers of docs/authoring-lessons.md, without its outer fence. */
    static String docExample() {
        try {
            Path doc = Path.of("..", "docs", "authoring-lessons.md");
            String text = Files.readString(doc);
            int from = text.indexOf("<!-- lesson-example -->");
            int to = text.indexOf("<!-- /lesson-example -->");
            String block = text.substring(from, to);
            block = block.substring(block.indexOf('\n') + 1);          // the marker line
            block = block.substring(block.indexOf('\n') + 1);          // ````markdown
            return block.substring(0, block.lastIndexOf("````"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lesson text with line {@code line} (from 1) replaced. */
    static String withLine(String text, int line, String replacement) {
        String[] lines = text.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    /** The number (from 1) of the first line of {@code text} that starts with {@code prefix}. */
    static int lineOf(String text, String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i + 1;
        throw new IllegalArgumentException("no line starting with " + prefix);
    }
}
