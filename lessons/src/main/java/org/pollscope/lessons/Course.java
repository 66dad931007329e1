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
            if (!ID.matcher(id).matches()) {
                // an id names the file en/ID.md: '/', '..' or an absolute path would reach outside the course
                problems.add("index.txt:" + (i + 1) + ": '" + shown(id) + "' is not a lesson id (lower case letters, digits and '-';"
                    + " the lesson is the file en/ID.md in the course's folder)");
                continue;
            }
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
                } catch (org.pollscope.kernel.text.Utf8.TooLarge | Refused e) {
                    problems.add(file + ": " + e.getMessage());
                    any = true;
                    continue;
                } catch (IOException e) {
                    // utf8's "line L, column C: problem" becomes FILE:L: problem (column C)
                    java.util.regex.Matcher m = AT.matcher(String.valueOf(e.getMessage()));
                    problems.add(m.matches() ? file + ":" + m.group(1) + ": " + m.group(3) + (m.group(2) != null ? " (column " + m.group(2) + ")" : "")
                        : file + ":1: cannot be read (" + e.getMessage() + ")");
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

    /** What a lesson id may be: it names the files {@code en/ID.md} and {@code zh/ID.md}. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** A file of a course folder that is not read: it reaches outside the folder. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * A course in a folder laid out as the built-in one: {@code index.txt}, {@code en/ID.md},
     * {@code zh/ID.md}. Only files inside {@code dir} are read: an id is letters, digits and
     * '-', and a file that is a symbolic link to somewhere outside the folder is refused, not
     * followed. A file over {@link org.pollscope.kernel.text.Utf8#MAX_FILE_BYTES} is refused
     * before it is read; an empty one is a problem at its line 1.
     */
    public static Course of(Path dir) {
        return new Course(relative -> {
            Path p = dir.resolve(relative);
            if (!Files.isRegularFile(p)) return null;
            Path real = p.toRealPath();
            Path top = dir.toRealPath();
            if (!real.startsWith(top)) {
                throw new Refused("refused: it is a link to " + real + ", outside the course's folder " + top);
            }
            return utf8(org.pollscope.kernel.text.Utf8.readFile(real));
        });
    }

    private static String shown(String id) {
        String s = id.length() > 60 ? id.substring(0, 60) + "..." : id;
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** The message of {@link #utf8}'s IOException: {@code line L[, column C]: problem}. */
    private static final java.util.regex.Pattern AT = java.util.regex.Pattern.compile("line (\\d+)(?:, column (\\d+))?: (.*)");

    /**
     * The text of a course file; when it is not text, an IOException {@code line L, column C:
     * problem} (a byte that is not UTF-8, a NUL), or {@code line 1: the file is empty}.
     */
    static String utf8(byte[] bytes) throws IOException {
        if (bytes.length == 0) throw new IOException("line 1: the file is empty");
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
