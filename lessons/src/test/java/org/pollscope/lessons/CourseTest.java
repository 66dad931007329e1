package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseTest {

    @Test
    void aBrokenFileIsReportedAndTheOthersStillLoad(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("en"));
        Files.createDirectories(dir.resolve("zh"));
        Files.writeString(dir.resolve("index.txt"), "# order\nfixture-scan\nexample-edge\nmissing\n");
        Files.writeString(dir.resolve("en/fixture-scan.md"), Fixtures.resource("course/en/fixture-scan.md"));
        Files.writeString(dir.resolve("zh/fixture-scan.md"), Fixtures.resource("course/zh/fixture-scan.md"));
        Files.writeString(dir.resolve("en/example-edge.md"), Fixtures.docExample().replace("level: beginner", "level: easy"));
        Course c = Course.of(dir);
        assertThat(c.ids()).containsExactly("fixture-scan");
        assertThat(c.languages("fixture-scan")).containsExactly("en", "zh");
        assertThat(c.lesson("fixture-scan", "zh").title()).isEqualTo("扫描与回调");
        assertThat(c.lesson("example-edge", "en")).isNull();
        assertThat(c.lesson("fixture-scan", "fr")).isNull();
        assertThat(c.languages("nope")).isEmpty();
        assertThat(c.problems()).containsExactly(
            "en/example-edge.md:4: level 'easy' is not one of beginner, intermediate, advanced",
            "index.txt:4: lesson 'missing' has no file (en/missing.md)");
    }

    @Test
    void theTestCourseLoadsFromTheClassPathLayout() {
        Course c = Course.of(Path.of("src/test/resources/course"));
        assertThat(c.problems()).isEmpty();
        assertThat(c.ids()).containsExactly("fixture-scan");
    }

    @Test
    void theBuiltInCourseFollowsTheIndex() {
        Course c = Course.builtIn();
        assertThat(c.ids()).allSatisfy(id -> assertThat(c.languages(id)).contains("en"));
        // only files that exist and failed are problems of files; ids with no file are the index's
        assertThat(c.problems()).allSatisfy(p -> assertThat(p).matches("(index\\.txt|(en|zh)/[a-z0-9-]+\\.md):\\d+: .*"));
    }
    @Test
    void aCourseFolderReadsNothingOutsideItself(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("course"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(outside.resolve("secret.md"), Fixtures.resource("course/en/fixture-scan.md"));
        Files.createDirectories(outside.resolve("en"));
        Files.writeString(outside.resolve("en/secret.md"), Fixtures.resource("course/en/fixture-scan.md"));
        Files.createSymbolicLink(dir.resolve("en/linked.md"), outside.resolve("secret.md"));
        // a link that stays inside the folder is followed
        Files.writeString(dir.resolve("en/fixture-scan.md"), Fixtures.resource("course/en/fixture-scan.md"));
        Files.writeString(dir.resolve("index.txt"), "fixture-scan\n../outside/en/secret\n" + outside.resolve("en/secret") + "\nlinked\nUPPER\n");
        Course c = Course.of(dir);
        assertThat(c.ids()).containsExactly("fixture-scan");
        assertThat(c.problems()).containsExactly(
            "index.txt:2: '../outside/en/secret' is not a lesson id (lower case letters, digits and '-'; the lesson is the file en/ID.md in the course's folder)",
            "index.txt:3: '" + outside.resolve("en/secret") + "' is not a lesson id (lower case letters, digits and '-'; the lesson is the file en/ID.md in the course's folder)",
            "en/linked.md: refused: it is a link to " + outside.resolve("secret.md").toRealPath() + ", outside the course's folder " + dir.toRealPath(),
            "index.txt:5: 'UPPER' is not a lesson id (lower case letters, digits and '-'; the lesson is the file en/ID.md in the course's folder)");
    }

    @Test
    void aHugeEmptyOrBinaryCourseFileIsOnePositionedProblem(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("index.txt"), "huge\nempty\nbinary\n");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve("en/huge.md").toFile(), "rw")) {
            f.setLength(org.pollscope.kernel.text.Utf8.MAX_FILE_BYTES + 1); // sparse: nothing is written, nothing must be read
        }
        Files.write(dir.resolve("en/empty.md"), new byte[0]);
        Files.write(dir.resolve("en/binary.md"), new byte[] {'-', '-', '-', '\n', (byte) 0x89, 'P', 'N', 'G', 0});
        Course c = Course.of(dir);
        assertThat(c.ids()).isEmpty();
        assertThat(c.problems()).containsExactly(
            "en/huge.md: too large (65 MiB; the limit is 64 MiB)",
            "en/empty.md:1: the file is empty",
            "en/binary.md:2: byte 0x89 is not UTF-8 text (column 1)");
    }
}
