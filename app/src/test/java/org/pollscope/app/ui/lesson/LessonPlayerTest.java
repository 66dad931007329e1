package org.pollscope.app.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pollscope.app.ui.Messages;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonEngine;

/** The lesson player's state, without a toolkit: checkpoints hold the student until answered. */
class LessonPlayerTest {
    final Course course = Course.builtIn();
    final Lesson lesson = course.lesson("lt-vs-et", "en");
    final LessonProgress progress = LessonProgress.inMemory();
    final LessonPlayer player = new LessonPlayer(Messages.english(), new LessonEngine(), progress);

    /** The first step with a checkpoint. */
    int firstCheck() {
        for (int k = 0; k < lesson.steps().size(); k++) if (lesson.steps().get(k).check() != null) return k;
        throw new AssertionError("lt-vs-et has no checkpoint");
    }

    @Test
    void aCheckpointHoldsTheStudentUntilTheRightAnswer() {
        player.open(lesson, false);
        int k = firstCheck();
        for (int i = 0; i < k; i++) assertThat(player.next()).isTrue();
        assertThat(player.hasCheckpointProperty().get()).isTrue();
        assertThat(player.answeredProperty().get()).isFalse();
        assertThat(player.next()).as("no going on before answering").isFalse();
        int wrong = indexOf(false);
        LessonPlayer.Verdict v = player.choose(wrong);
        assertThat(v.right()).isFalse();
        assertThat(v.belief()).isEqualTo(player.options().get(wrong).belief());
        assertThat(player.feedbackProperty().get()).contains(v.belief());
        assertThat(player.next()).isFalse();
        int trace = player.kernel().kernelProperty().get().trace().size();
        assertThat(player.choose(indexOf(true)).right()).isTrue();
        assertThat(player.answeredProperty().get()).isTrue();
        // the reveal ran the predicted call on the model
        assertThat(player.kernel().kernelProperty().get().trace().size()).isGreaterThan(trace);
        assertThat(progress.answeredCount("lt-vs-et")).isEqualTo(1);
        assertThat(player.next()).isTrue();
        assertThat(progress.reached("lt-vs-et")).isEqualTo(k + 1);
    }

    @Test
    void aTypedAnswerIsReadAsAnExpectation() {
        player.open(lesson, false);
        int k = firstCheck();
        for (int i = 0; i < k; i++) player.next();
        String right = player.options().get(indexOf(true)).text();
        assertThat(player.type("nonsense [").right()).isFalse();
        assertThat(player.type(right).right()).isTrue();
    }

    @Test
    void teacherModeShowsAnswersAndReachesAnyStep() {
        player.open(lesson, false);
        assertThat(player.jump(lesson.steps().size() - 1)).as("a student cannot skip ahead").isFalse();
        player.setTeacher(true);
        assertThat(player.jump(lesson.steps().size() - 1)).isTrue();
        int k = firstCheck();
        assertThat(player.jump(k)).isTrue();
        assertThat(player.answeredProperty().get()).isTrue();
        assertThat(player.feedbackProperty().get()).contains(player.options().get(indexOf(true)).text());
    }

    @Test
    void teacherModeKeepsTheKernelBeforeTheAnswerUntilTheTeacherRevealsIt() {
        player.open(lesson, false);
        player.setTeacher(true);
        int k = firstCheck();
        for (int i = 0; i < k; i++) assertThat(player.next()).isTrue();
        assertThat(player.answeredProperty().get()).as("not revealed to the room yet").isFalse();
        assertThat(player.canNextProperty().get()).isTrue();
        assertThat(player.feedbackProperty().get()).startsWith("For you: the model gives " + player.options().get(indexOf(true)).text());
        int trace = player.kernel().kernelProperty().get().trace().size();
        assertThat(player.choose(indexOf(true)).right()).isTrue();
        assertThat(player.answeredProperty().get()).isTrue();
        assertThat(player.kernel().kernelProperty().get().trace().size()).as("the reveal ran the call").isGreaterThan(trace);
    }

    /** "How many items are on ep's ready list now?" after three writes: the view shows the list before them until the answer. */
    @Test
    void aCountToChooseIsAskedBeforeTheViewShowsTheStepsAction() {
        Lesson inside = course.lesson("inside-epoll", "en");
        player.open(inside, false);
        player.setTeacher(true);
        int k = -1;
        for (int i = 0; i < inside.steps().size(); i++) {
            var c = inside.steps().get(i).check();
            if (c != null && c.kind() == org.pollscope.lessons.Checkpoint.Kind.CHOOSE && "ready ep".equals(c.measure())) k = i;
        }
        assertThat(k).as("inside-epoll asks for ep's ready list").isPositive();
        assertThat(player.jump(k)).isTrue();
        var ep = player.kernel().kernelProperty().get();
        int before = readyItems(ep);
        String right = player.options().get(indexOf(true)).text();
        assertThat(String.valueOf(before)).as("the view does not show the answer").isNotEqualTo(right);
        player.choose(indexOf(true));
        assertThat(String.valueOf(readyItems(player.kernel().kernelProperty().get()))).isEqualTo(right);
    }

    /** Items on the ready list of the first epoll instance of the lesson's process. */
    private static int readyItems(org.pollscope.kernel.Kernel k) {
        for (var p : k.processes()) {
            for (int fd = 0; fd < p.fds().highWater(); fd++) {
                if (p.fds().get(fd) instanceof org.pollscope.kernel.EventPoll e) return e.readyList().size();
            }
        }
        throw new AssertionError("no epoll instance");
    }

    @Test
    void resumingOpensWhereTheStudentLeft() {
        player.open(lesson, false);
        player.setTeacher(true);
        player.jump(3);
        player.setTeacher(false);
        player.open(lesson, true);
        assertThat(player.stepProperty().get()).isEqualTo(3);
    }

    @Test
    void everyLessonPlaysToItsEndInBothLanguages() {
        for (String id : course.ids()) {
            for (String lang : course.languages(id)) {
                player.open(course.lesson(id, lang), false);
                int steps = player.stepsProperty().get();
                while (true) {
                    assertThat(player.problemProperty().get()).as(id + " " + lang + " step " + player.stepProperty().get()).isEmpty();
                    if (!player.answeredProperty().get()) player.reveal();
                    if (!player.next()) break;
                }
                assertThat(player.stepProperty().get()).as(id + " " + lang).isEqualTo(steps - 1);
            }
        }
    }

    private int indexOf(boolean right) {
        for (int i = 0; i < player.options().size(); i++) {
            if ((player.options().get(i).belief() == null) == right) return i;
        }
        throw new AssertionError("no " + (right ? "right" : "wrong") + " option");
    }
}
