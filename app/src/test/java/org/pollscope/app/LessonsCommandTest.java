package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonsCommandTest {
    static final Path FIXTURE = Path.of("..", "lessons", "src", "test", "resources", "course", "en", "fixture-scan.md");

    @TempDir
    Path dir;

    @Test
    void validateSaysOkForAGoodFile() {
        MainCommandTest.Result r = MainCommandTest.run("lessons", "validate", FIXTURE.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(FIXTURE + ": ok\n");
    }

    @Test
    void validateReportsEachProblemAtItsLineWithExit2() throws Exception {
        Path en = Files.createDirectories(dir.resolve("en"));
        Path bad = Files.writeString(en.resolve("fixture-scan.md"), Files.readString(FIXTURE).replace("level: intermediate", "level: hard"));
        Path noBelief = Files.writeString(dir.resolve("fixture-scan.md"), Files.readString(FIXTURE)
            .replace("measure ready-fds", "measure visited"));
        MainCommandTest.Result r = MainCommandTest.run("lessons", "validate", bad.toString(), noBelief.toString(),
            dir.resolve("none.md").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out().split("\n")).containsExactly(
            bad + ":4: level 'hard' is not one of beginner, intermediate, advanced",
            noBelief + ":33: measure visited is the checkpoint's own measure: this changes nothing",
            dir.resolve("none.md") + ": no such file");
        assertThat(r.out() + r.err()).doesNotContain("Exception");
    }

    @Test
    void listPrintsOneLessonALine() {
        MainCommandTest.Result r = MainCommandTest.run("lessons", "list");
        assertThat(r.status()).isZero();
        for (String line : r.out().split("\n")) {
            if (!line.isEmpty()) assertThat(line).matches("[a-z0-9-]+ +[a-z,]+ +\\d+ min  .+");
        }
    }

    @Test
    void checkEndsWithTheTotals() {
        MainCommandTest.Result r = MainCommandTest.run("lessons", "check", "--quiet");
        String[] lines = r.out().split("\n");
        assertThat(lines[lines.length - 1]).matches("\\d+ passed, \\d+ failed(, \\d+ skipped)?");
        assertThat(r.status()).isEqualTo(lines[lines.length - 1].contains(" 0 failed") ? 0 : 1);
    }

    @Test
    void checkOfAnUnknownLessonIsExit2InOneLine() {
        MainCommandTest.Result r = MainCommandTest.run("lessons", "check", "no-such-lesson");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("pollscope check: unknown lesson 'no-such-lesson'").doesNotContain("Exception");
    }

    @Test
    void playOfAFileBeingWrittenPrintsItsAnswers() {
        MainCommandTest.Result r = MainCommandTest.run("lesson", "play", FIXTURE.toString(), "--no-wait");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Answer: ").contains(") 4\n").endsWith("End of the lesson.\n");
    }

    @Test
    void playOfABrokenFileIsExit2WithItsLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("fixture-scan.md"), Files.readString(FIXTURE).replace("minutes: 10", "minutes: 1"));
        MainCommandTest.Result r = MainCommandTest.run("lesson", "play", bad.toString(), "--no-wait");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(bad + ":5: minutes must be a whole number from 5 to 60, found '1'\n");
    }

    @Test
    void playOfAnUnknownLessonIsExit2() {
        MainCommandTest.Result r = MainCommandTest.run("lesson", "play", "no-such-lesson");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown lesson 'no-such-lesson'");
    }
}
