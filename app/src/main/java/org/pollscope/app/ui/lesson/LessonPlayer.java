package org.pollscope.app.ui.lesson;

import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.kernel.StepViewModel;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.lessons.Action;
import org.pollscope.lessons.Checkpoint;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonEngine;
import org.pollscope.lessons.LessonStep;
import org.pollscope.lessons.LessonWorld;

/**
 * A lesson being played: which step is shown, whether its checkpoint is answered, and the kernel
 * as the step leaves it, in a {@link StepViewModel} that the kernel views draw. Plain Java with
 * JavaFX properties, tested without a toolkit; the view only binds and calls.
 *
 * <p>A step shows the world after its action; its checkpoint asks about the statement that runs
 * next, which runs when the student has answered (the reveal). A choose checkpoint asks what the
 * action counts, so its step shows the world before the action, and the reveal runs the action.
 * Until then the student cannot go
 * on; in teacher mode the answer is shown to the teacher at once and any step can be reached, while
 * the kernel (and the projector drawing it) stays before the predicted call until the teacher
 * reveals it, by choosing the right option. Every answer and
 * option comes from {@link LessonEngine}, which computes them on the model.
 */
public final class LessonPlayer {
    /** What an answer got: right or not, the belief a wrong option comes from, and why, in kernel terms. */
    public record Verdict(boolean right, String belief, String explain) {}

    private final ResourceBundle text;
    private final LessonEngine engine;
    private final StepViewModel kernel;
    private final LessonProgress progress;
    private Lesson lesson;
    private LessonWorld world;
    private Scenario loadedWorld;

    private final ReadOnlyObjectWrapper<Lesson> current = new ReadOnlyObjectWrapper<>(this, "lesson");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 0);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper narrative = new ReadOnlyStringWrapper(this, "narrative", "");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper(this, "notes", "");
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper(this, "question", "");
    private final ReadOnlyStringWrapper statement = new ReadOnlyStringWrapper(this, "statement", "");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    private final ReadOnlyStringWrapper action = new ReadOnlyStringWrapper(this, "action", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper hasCheckpoint = new ReadOnlyBooleanWrapper(this, "hasCheckpoint", false);
    private final ReadOnlyBooleanWrapper answered = new ReadOnlyBooleanWrapper(this, "answered", false);
    private final ReadOnlyBooleanWrapper teacher = new ReadOnlyBooleanWrapper(this, "teacher", false);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext", false);
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper(this, "canBack", false);
    private final ObservableList<LessonEngine.Option> options = FXCollections.observableArrayList();
    private LessonEngine.Answer answer;
    private int wrongTries;

    public LessonPlayer(ResourceBundle text, LessonEngine engine, LessonProgress progress) {
        this.text = text;
        this.engine = engine;
        this.progress = progress;
        this.kernel = new StepViewModel(text);
    }

    /** Opens a lesson at its first step (or where the student left it, {@code resume}). */
    public void open(Lesson l, boolean resume) {
        lesson = l;
        world = LessonWorld.of(l);
        loadedWorld = null;
        // the step of the lesson left may be past the end of this one: listeners of either property read both
        step.set(0);
        current.set(l);
        steps.set(l.steps().size());
        int at = resume ? Math.min(progress.reached(l.id()), l.steps().size() - 1) : 0;
        show(Math.max(0, at), false);
    }

    /** The next step; false while the checkpoint waits for an answer (not in teacher mode) or at the end. */
    public boolean next() {
        if (!canNext.get()) return false;
        show(step.get() + 1, false);
        return true;
    }

    public boolean back() {
        if (!canBack.get()) return false;
        // a step gone back to is shown answered: the student has seen its reveal
        show(step.get() - 1, true);
        return true;
    }

    /** Any step, answered or not (teacher mode, or a step the student has reached). */
    public boolean jump(int k) {
        if (lesson == null || k < 0 || k >= steps.get()) return false;
        if (!teacher.get() && k > progress.reached(lesson.id())) return false;
        show(k, k < progress.reached(lesson.id()));
        return true;
    }

    public void setTeacher(boolean on) {
        teacher.set(on);
        if (lesson != null) show(step.get(), answered.get());
    }

    /** Picks option {@code i}; the reveal runs when it is right. */
    public Verdict choose(int i) {
        if (answer == null || i < 0 || i >= options.size()) return null;
        LessonEngine.Option o = options.get(i);
        return judge(o.belief() == null, o.belief());
    }

    /** A typed answer, in the notation of {@code =>} (or a number for a count). */
    public Verdict type(String typed) {
        if (answer == null) return null;
        boolean right = engine.accepts(lesson, step.get(), typed);
        String belief = null;
        if (!right) {
            for (LessonEngine.Option o : options) {
                if (o.belief() != null && o.text().equals(typed.strip())) belief = o.belief();
            }
        }
        return judge(right, belief);
    }

    /** Shows the answer without a try (teacher mode, or a student who gives up after a wrong try). */
    public void reveal() {
        if (answer == null) return;
        judge(true, null);
    }

    private Verdict judge(boolean right, String belief) {
        Verdict v = new Verdict(right, belief, answer.explain());
        if (right) {
            feedback.set((wrongTries == 0 ? text.getString("lesson.right") : text.getString("lesson.rightAfter"))
                + "  " + Messages.format(text, "lesson.answerIs", answer.correct()) + '\n' + answer.explain());
            answered.set(true);
            runTo(world.statementsAfterReveal(step.get()));
            progress.answered(lesson.id(), step.get());
            updateMoves();
        } else {
            wrongTries++;
            feedback.set(belief != null ? Messages.format(text, "lesson.wrongBelief", belief) : text.getString("lesson.wrong"));
        }
        return v;
    }

    private void show(int k, boolean done) {
        step.set(k);
        LessonStep s = lesson.steps().get(k);
        title.set(s.title());
        narrative.set(k == 0 && lesson.intro() != null && !lesson.intro().isBlank() ? lesson.intro().strip() + '\n' + '\n' + s.narrative() : s.narrative());
        notes.set(s.notes() == null ? "" : s.notes());
        Checkpoint c = s.check();
        hasCheckpoint.set(c != null);
        wrongTries = 0;
        feedback.set("");
        problem.set("");
        options.clear();
        answer = null;
        statement.set(c != null && c.kind() == Checkpoint.Kind.PREDICT ? c.statement() : "");
        question.set(c == null ? "" : c.ask() == null || c.ask().isBlank() || c.ask().equals(Checkpoint.DEFAULT_ASK)
            ? text.getString(c.kind() == Checkpoint.Kind.PREDICT ? "lesson.ask.predict" : "lesson.ask.choose") : c.ask());
        // a count to choose is the step's action's (its scn block): the view waits before the action
        // until the reveal runs it, so that the count is predicted, not read off the view
        boolean holdAction = false;
        if (s.action() instanceof Action.Program p) {
            action.set(Messages.format(text, "lesson.program", p.name(), p.clients(), p.active(), p.run()));
            kernel.showProgram(LessonEngine.programStepper(p));
        } else {
            action.set("");
            holdAction = c != null && c.kind() == Checkpoint.Kind.CHOOSE && !done;
            runTo(holdAction ? world.statementsBefore(k) : world.statementsAfterAction(k));
        }
        if (c != null) {
            try {
                answer = engine.answer(lesson, k);
                options.setAll(answer.options());
            } catch (RuntimeException e) {
                // a lesson whose checkpoint cannot be computed: say where, and let the student go on
                problem.set(e.getMessage());
                if (holdAction) runTo(world.statementsAfterAction(k));
            }
        }
        answered.set(c == null || answer == null);
        progress.reached(lesson.id(), k);
        if (c != null && answer != null && done) {
            reveal();
        } else if (c != null && answer != null && teacher.get()) {
            // the teacher reads the answer; the kernel stays before it, and the projector with it, until the reveal
            feedback.set(Messages.format(text, "lesson.teacherPreview", answer.correct()) + '\n' + answer.explain());
        }
        updateMoves();
    }

    /** The lesson's world run to {@code statements} top-level statements, on the shared kernel views. */
    private void runTo(int statements) {
        if (lesson.steps().get(step.get()).action() instanceof Action.Program) return;
        if (loadedWorld != world.scenario() || kernel.program() != null || kernel.scenarioProperty().get() == null) {
            kernel.load(world.scenario());
            loadedWorld = world.scenario();
        }
        kernel.goTo(statements);
    }

    private void updateMoves() {
        int k = step.get();
        canBack.set(k > 0);
        canNext.set(k + 1 < steps.get() && (answered.get() || teacher.get()));
    }

    /** The step's own statements (its {@code scn} block) as text, for Try it. */
    public String stepSource() {
        if (lesson == null) return "";
        return lesson.steps().get(step.get()).action() instanceof Action.Scn scn ? scn.text() : "";
    }

    /** The statements of the lesson's world before this step's block, for Try it. */
    public List<String> worldBefore() {
        if (lesson == null) return List.of();
        int before = world.statementsBefore(step.get());
        return world.scenario().statements().subList(0, before).stream().map(st -> st.text()).toList();
    }

    public StepViewModel kernel() {
        return kernel;
    }

    public Lesson lesson() {
        return lesson;
    }

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty narrativeProperty() {
        return narrative.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** The statement a predict checkpoint asks about ("" for a count). */
    public ReadOnlyStringProperty statementProperty() {
        return statement.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    /** What a program step runs ("epoll-et-buggy, 4 clients, ..."), else "". */
    public ReadOnlyStringProperty actionProperty() {
        return action.getReadOnlyProperty();
    }

    /** A lesson error found while computing the checkpoint ({@code FILE:LINE: problem}), else "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasCheckpointProperty() {
        return hasCheckpoint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty teacherProperty() {
        return teacher.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    /** The options of the checkpoint, in the lesson's fixed order. */
    public ObservableList<LessonEngine.Option> options() {
        return options;
    }
}
