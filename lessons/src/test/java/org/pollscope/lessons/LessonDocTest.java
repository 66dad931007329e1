package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Target;

/** The complete small lesson of docs/authoring-lessons.md, exactly as it stands there (on Linux too: see app's LessonOnLinuxTest). */
class LessonDocTest {

    @Test
    void theDocsExampleParsesValidatesAndChecksOnTheModel() {
        Lesson l = LessonParser.parse("en/example-edge.md", Fixtures.docExample());
        assertThat(l.id()).isEqualTo("example-edge");
        assertThat(new LessonEngine().validate(l)).isEmpty();
        Map<String, Supplier<Target>> model = Map.of("model", ModelTarget::new);
        LessonCheck.Report r = new LessonCheck(model).check(l);
        assertThat(r.failures()).isEmpty();
        // 4 expectations of the scn block and the checkpoint's computed answer
        assertThat(r.passed()).isEqualTo(5);
        assertThat(r.failed()).isZero();
        assertThat(r.skipped()).isZero();
    }
}
