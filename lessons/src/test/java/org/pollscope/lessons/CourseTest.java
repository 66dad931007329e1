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
}
