package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Target;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonCheck;
import org.pollscope.lessons.LessonParser;
import org.pollscope.probe.LinuxSyscalls;
import org.pollscope.probe.LinuxTarget;

/** Lessons checked on the model and the real kernel: every predict answer the model computes must be the kernel's. */
class LessonOnLinuxTest {

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
    }

    static LessonCheck.Report both(Lesson l) {
        Map<String, Supplier<Target>> sides = new LinkedHashMap<>();
        sides.put("model", ModelTarget::new);
        sides.put("linux", LinuxTarget::new);
        return new LessonCheck(sides).check(l);
    }

    @Test
    void theDocsExampleChecksOnBothSides() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "authoring-lessons.md"));
        String block = doc.substring(doc.indexOf("<!-- lesson-example -->"), doc.indexOf("<!-- /lesson-example -->"));
        block = block.substring(block.indexOf("---"), block.lastIndexOf("````"));
        LessonCheck.Report r = both(LessonParser.parse("en/example-edge.md", block));
        assertThat(r.failures()).isEmpty();
        assertThat(r.passed()).isEqualTo(4 * 2 + 1);
    }

    @Test
    void theFixtureChecksOnBothSidesAndItsProgramOnTheModelOnly() throws Exception {
        Path f = Path.of("..", "lessons", "src", "test", "resources", "course", "en", "fixture-scan.md");
        LessonCheck.Report r = both(LessonParser.parse("en/fixture-scan.md", Files.readString(f)));
        assertThat(r.failures()).isEmpty();
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.contains("runs on the model only (linux: skipped)"));
    }
}
