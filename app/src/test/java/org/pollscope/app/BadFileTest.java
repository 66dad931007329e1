package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.kernel.text.Utf8;

/**
 * Each file the command line reads (a scenario for run, open and snapshot; a lesson file for lesson
 * play and lessons validate; a course folder for lessons check), given empty, binary, not UTF-8 or
 * huge: one line that names the file and, where it has one, the place; exit status 2; nothing run.
 */
class BadFileTest {
    @TempDir
    Path dir;

    /** Bytes of each kind, and the problem after "FILE" in the message (":L:C: ..." for scenarios). */
    private record Kind(byte[] bytes, boolean huge, String scenarioProblem, String lessonProblem) {}

    private static Map<String, Kind> kinds() {
        Map<String, Kind> k = new LinkedHashMap<>();
        k.put("empty", new Kind(new byte[0], false,
            ":1:1: the file is empty (a scenario is one statement a line, e.g. a, b = socketpair())",
            ":1: the file is empty (a lesson starts with its front matter: a line '---', then 'key: value' lines, then '---')"));
        k.put("nul", new Kind(null, false, ":2:12: byte 0x00 (NUL) is not text (the file looks binary)",
            ":2: byte 0x00 (NUL) is not text (the file looks binary) (column 6)"));
        k.put("latin1", new Kind(null, false, ":2:7: byte 0xE9 is not UTF-8 text", ":2: byte 0xE9 is not UTF-8 text (column 6)"));
        k.put("huge", new Kind(null, true, ": too large (65 MiB; the limit is 64 MiB)", ": too large (65 MiB; the limit is 64 MiB)"));
        return k;
    }

    private static byte[] scenarioBytes(String kind) {
        return switch (kind) {
            case "nul" -> "a, b = socketpair()\nwrite(a, \"x\u0000y\")\n".getBytes(StandardCharsets.UTF_8);
            case "latin1" -> "a, b = socketpair()\nclose(\u00e9)\n".getBytes(StandardCharsets.ISO_8859_1);
            default -> new byte[0];
        };
    }

    private static byte[] lessonBytes(String kind) {
        return switch (kind) {
            case "nul" -> "---\nid: x\u0000\n".getBytes(StandardCharsets.UTF_8);
            case "latin1" -> "---\nid: x\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            default -> new byte[0];
        };
    }

    private static Path write(Path f, byte[] bytes, boolean huge) throws IOException {
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
        if (huge) {
            // sparse, so the test writes nothing; the command must refuse it before reading it
            try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
                r.setLength(Utf8.MAX_FILE_BYTES + 1);
            }
        }
        return f;
    }

    private static void oneLine(MainCommandTest.Result r, String text, String expected) {
        assertThat(r.status()).as(expected).isEqualTo(2);
        assertThat(text).as("one line, no stack trace").isEqualTo(expected + "\n");
    }

    @Test
    void aBadScenarioIsOneLineForRunOpenAndSnapshot() throws IOException {
        for (Map.Entry<String, Kind> e : kinds().entrySet()) {
            Kind k = e.getValue();
            Path f = write(dir.resolve(e.getKey() + ".scn"), scenarioBytes(e.getKey()), k.huge());
            MainCommandTest.Result run = MainCommandTest.run("run", f.toString());
            oneLine(run, run.err(), f + k.scenarioProblem());
            assertThat(run.out()).as("nothing ran").isEmpty();
            MainCommandTest.Result open = MainCommandTest.run("open", f.toString());
            oneLine(open, open.err(), "pollscope open: " + f + k.scenarioProblem());
            Path png = dir.resolve(e.getKey() + ".png");
            MainCommandTest.Result snap = MainCommandTest.run("snapshot", f.toString(), "--out", png.toString());
            oneLine(snap, snap.err(), "pollscope snapshot: " + f + k.scenarioProblem());
            assertThat(png).doesNotExist();
        }
    }

    @Test
    void aBadLessonFileIsOneLineForLessonPlayAndLessonsValidate() throws IOException {
        for (Map.Entry<String, Kind> e : kinds().entrySet()) {
            Kind k = e.getValue();
            Path f = write(dir.resolve("en").resolve(e.getKey() + ".md"), lessonBytes(e.getKey()), k.huge());
            MainCommandTest.Result play = MainCommandTest.run("lesson", "play", f.toString(), "--no-wait");
            oneLine(play, play.err(), f + k.lessonProblem());
            assertThat(play.out()).isEmpty();
            MainCommandTest.Result validate = MainCommandTest.run("lessons", "validate", f.toString());
            oneLine(validate, validate.out(), f + k.lessonProblem());
        }
    }

    @Test
    void aCourseFolderWithABadFileIsOneLineForLessonsCheck() throws IOException {
        for (Map.Entry<String, Kind> e : kinds().entrySet()) {
            Kind k = e.getValue();
            Path course = dir.resolve("course-" + e.getKey());
            Files.createDirectories(course);
            Files.writeString(course.resolve("index.txt"), "broken\n");
            write(course.resolve("en/broken.md"), lessonBytes(e.getKey()), k.huge());
            MainCommandTest.Result check = MainCommandTest.run("lessons", "check", course.toString());
            String problem = switch (e.getKey()) {
                case "empty" -> ":1: the file is empty";
                default -> k.lessonProblem();
            };
            oneLine(check, check.err(), course.resolve("en/broken.md") + problem);
            assertThat(check.out()).as("nothing checked").isEmpty();
        }
    }

    @Test
    void lessonsCheckOfAFolderThatIsNotThereOrNotAFolder() throws IOException {
        MainCommandTest.Result none = MainCommandTest.run("lessons", "check", dir.resolve("nosuch").toString());
        oneLine(none, none.err(), dir.resolve("nosuch") + ": no such folder");
        Path file = Files.writeString(dir.resolve("file"), "x");
        MainCommandTest.Result notDir = MainCommandTest.run("lessons", "check", file.toString());
        oneLine(notDir, notDir.err(), file + ": not a folder (a course is a folder with index.txt, en/ID.md, zh/ID.md)");
    }

    @Test
    void aCourseFolderIsCheckedLikeTheBuiltInCourse() throws IOException {
        Path course = dir.resolve("course");
        String select = new String(LessonsCommand.class.getResourceAsStream("/org/pollscope/lessons/en/select.md").readAllBytes(),
            StandardCharsets.UTF_8);
        write(course.resolve("en/select.md"), select.getBytes(StandardCharsets.UTF_8), false);
        Files.writeString(course.resolve("index.txt"), "select\n");
        MainCommandTest.Result check = MainCommandTest.run("lessons", "check", course.toString(), "-q");
        assertThat(check.status()).as(check.out() + check.err()).isZero();
        List<String> lines = check.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, 0 failed");
    }
}
