package org.pollscope.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course: the lessons in the order of {@code index.txt}, each in the languages it has
 * ({@code en/ID.md}, {@code zh/ID.md}). A file that fails to load is one of {@link #problems()}
 * ({@code FILE:LINE: problem}); the others still load.
 */
public final class Course {
    /** The languages a lesson may come in, in the order they are listed. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    private static final String ROOT = "org/pollscope/lessons/";

    /** Reads a file of the course: its text, or null when there is none. */
    private interface Source {
        String read(String relative) throws IOException;
    }

    private final List<String> ids = new ArrayList<>();
    private final Map<String, Map<String, Lesson>> lessons = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Course(Source source) {
        String index;
        try {
            index = source.read("index.txt");
        } catch (IOException e) {
            problems.add("index.txt:1: cannot be read (" + e.getMessage() + ")");
            return;
        }
        if (index == null) {
            problems.add("index.txt:1: no index.txt: it lists the course's lesson ids, one a line");
            return;
        }
        String[] lines = index.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String id = lines[i].strip();
            if (id.isEmpty() || id.startsWith("#")) continue;
            if (lessons.containsKey(id)) {
                problems.add("index.txt:" + (i + 1) + ": lesson '" + id + "' is listed twice");
                continue;
            }
            Map<String, Lesson> byLang = new LinkedHashMap<>();
            boolean any = false;
            for (String lang : LANGUAGES) {
                String file = lang + "/" + id + ".md";
                String text;
                try {
                    text = source.read(file);
                } catch (IOException e) {
                    problems.add(file + ":1: cannot be read (" + e.getMessage() + ")");
                    any = true;
                    continue;
                }
                if (text == null) continue;
                any = true;
                try {
                    byLang.put(lang, LessonParser.parse(file, text));
                } catch (LessonSyntaxException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!any) problems.add("index.txt:" + (i + 1) + ": lesson '" + id + "' has no file (en/" + id + ".md)");
            if (!byLang.isEmpty()) {
                ids.add(id);
                lessons.put(id, byLang);
            }
        }
    }

    /** The course PollScope ships: {@code org/pollscope/lessons/} on the class path. */
    public static Course builtIn() {
        ClassLoader loader = Course.class.getClassLoader();
        return new Course(relative -> {
            try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
                return in == null ? null : utf8(in.readAllBytes());
            }
        });
    }

    /** A course in a folder laid out as the built-in one: {@code index.txt}, {@code en/ID.md}, {@code zh/ID.md}. */
    public static Course of(Path dir) {
        return new Course(relative -> {
            Path p = dir.resolve(relative);
            return Files.isRegularFile(p) ? utf8(Files.readAllBytes(p)) : null;
        });
    }

    static String utf8(byte[] bytes) throws IOException {
        try {
            return org.pollscope.kernel.text.Utf8.decode(bytes);
        } catch (org.pollscope.kernel.text.Utf8.Malformed e) {
            throw new IOException("line " + e.line() + ", column " + e.col() + ": " + e.getMessage());
        }
    }

    /** The ids of the lessons that loaded in at least one language, in course order. */
    public List<String> ids() {
        return List.copyOf(ids);
    }

    /** The lesson in a language, or null when it is not there (or failed to load). */
    public Lesson lesson(String id, String lang) {
        Map<String, Lesson> m = lessons.get(id);
        return m == null ? null : m.get(lang);
    }

    /** The languages a lesson loaded in, e.g. ["en", "zh"]; empty for an unknown id. */
    public List<String> languages(String id) {
        Map<String, Lesson> m = lessons.get(id);
        return m == null ? List.of() : List.copyOf(m.keySet());
    }

    /** {@code FILE:LINE: problem} of each file that failed to load (and of index.txt's own problems). */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
