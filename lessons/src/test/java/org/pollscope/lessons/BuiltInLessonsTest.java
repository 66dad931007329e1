package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every lesson that ships: it loads, validates, has its checkpoints, and its languages agree. */
class BuiltInLessonsTest {
    final Course course = Course.builtIn();

    @Test
    void everyLessonFileThatExistsLoads() {
        assertThat(course.problems()).filteredOn(p -> !p.startsWith("index.txt:")).isEmpty();
    }

    @Test
    void everyLessonValidatesWithOneCheckpointPerThreeSteps() {
        List<String> problems = new ArrayList<>();
        LessonEngine engine = new LessonEngine();
        for (String id : course.ids()) {
            for (String lang : course.languages(id)) {
                Lesson l = course.lesson(id, lang);
                problems.addAll(engine.validate(l));
                if (l.checkpoints().size() * 3 < l.steps().size()) problems.add(l.file() + ": too few checkpoints");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void bothLanguagesOfEveryLessonHaveTheSameStepsBlocksAndChecks() {
        List<String> problems = new ArrayList<>();
        for (String id : course.ids()) {
            List<String> langs = course.languages(id);
            for (String lang : langs.subList(1, langs.size())) {
                problems.addAll(Translations.differences(course.lesson(id, langs.get(0)), course.lesson(id, lang)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyLessonRoundTripsThroughLessonText() {
        for (String id : course.ids()) {
            for (String lang : course.languages(id)) {
                Lesson l = course.lesson(id, lang);
                String written = LessonText.write(l);
                Lesson again = LessonParser.parse(l.file(), written);
                assertThat(LessonText.write(again)).as(l.file()).isEqualTo(written);
                assertThat(Translations.differences(l, again)).as(l.file()).isEmpty();
            }
        }
    }

    @Test
    void theFixturePairAgrees() {
        Lesson en = Fixtures.lesson("en", "fixture-scan");
        Lesson zh = Fixtures.lesson("zh", "fixture-scan");
        assertThat(Translations.differences(en, zh)).isEmpty();
        assertThat(zh.lang()).isEqualTo("zh");
        assertThat(zh.steps().get(0).title()).isEqualTo("select 访问每一个 fd");
    }

    @Test
    void translationsThatDifferAreReported() {
        String zhText = Fixtures.resource("course/zh/fixture-scan.md");
        Lesson en = Fixtures.lesson("en", "fixture-scan");
        Lesson otherBlock = LessonParser.parse("zh/fixture-scan.md", zhText.replace("write(a2, \"z\")", "write(a2, \"zz\")"));
        assertThat(Translations.differences(en, otherBlock)).singleElement().asString()
            .startsWith("zh/fixture-scan.md:").contains("step 3 has another action");
        Lesson otherMeasure = LessonParser.parse("zh/fixture-scan.md", zhText.replace("measure ready-fds", "measure copied"));
        assertThat(Translations.differences(en, otherMeasure)).singleElement().asString().contains("step 1 has other wrong beliefs' changes");
        Lesson otherPredict = LessonParser.parse("zh/fixture-scan.md", zhText.replace("predict: epoll_wait(ep, 8, 0)", "predict: epoll_wait(ep, 4, 0)"));
        assertThat(Translations.differences(en, otherPredict)).singleElement().asString().contains("step 2 predicts another statement");
        Lesson otherMinutes = LessonParser.parse("zh/fixture-scan.md", zhText.replace("minutes: 10", "minutes: 12"));
        assertThat(Translations.differences(en, otherMinutes)).singleElement().asString().contains("minutes 12");
        String fewer = zhText.substring(0, zhText.indexOf("## 有负载的服务器"));
        Lesson fewerSteps = LessonParser.parse("zh/fixture-scan.md", fewer);
        assertThat(Translations.differences(en, fewerSteps)).singleElement().asString().contains("3 steps, but en/fixture-scan.md has 4");
    }
}
