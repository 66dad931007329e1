package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.ParserFuzz;
import org.pollscope.kernel.Seeded;

/**
 * The lesson parser under {@link ParserFuzz} (from kernel-model's test jar): the built-in lessons
 * truncated, mutated, re-encoded, nested; 2,000 inputs in CI, a million with {@code -Pfuzz}.
 * A file's bytes are read as the course reads them ({@link Course#utf8}, an IOException saying
 * where the bad byte is), then parsed; only the parser's LessonSyntaxException may come out.
 */
class LessonParserFuzzTest {
    static final List<byte[]> LESSONS = ParserFuzz.filesBelow(Path.of("src/main/resources/org/pollscope/lessons"), ".md");

    @Test
    void theLessonParserThrowsOnlyItsPositionedException() {
        assertThat(LESSONS).hasSizeGreaterThan(5);
        new ParserFuzz(LESSONS).check(Seeded.tries(2_000), b -> LessonParser.parse("en/fuzzed.md", Course.utf8(b)),
            LessonSyntaxException.class, IOException.class);
    }
}
