package org.pollscope.lessons;

import java.util.ArrayList;
import java.util.List;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.kernel.scenario.SourcePos;
import org.pollscope.kernel.scenario.Statement;

/**
 * A lesson's one world as a {@link Scenario}: the statements of its {@code scn} blocks and its
 * {@code predict:} statements, in step order; in a step the predict statement comes after the
 * step's block, whichever comes first in the file. Every statement's position is its line in
 * the lesson file, so a failure reads {@code en/lt-vs-et.md:42: expected ... got ...}.
 *
 * <p>Step {@code k} (from 0) runs the top-level statements from {@link #statementsBefore} to
 * {@link #statementsAfterAction}; its predict statement, when it has one, is the one statement
 * between that and {@link #statementsAfterReveal}. These are counts as
 * {@code ScenarioStepper.goTo} and {@code ScenarioInterpreter.runUpTo} take them.
 */
public final class LessonWorld {

    /** One source line of the world, in world order: the lesson line it comes from, and its step. */
    record Line(int fileLine, String text, int step, boolean predict) {}

    private final Lesson lesson;
    private final List<Line> lines;
    private final Scenario scenario;
    /** per step: index into lines of its first line, of the end of its action, of its end */
    private final int[] start, actionEnd, end;
    /** per top-level statement: the index into lines of its first line */
    private final int[] statementLine;

    private LessonWorld(Lesson lesson, List<Line> lines, Scenario scenario, int[] start, int[] actionEnd, int[] end,
                        int[] statementLine) {
        this.lesson = lesson;
        this.lines = lines;
        this.scenario = scenario;
        this.start = start;
        this.actionEnd = actionEnd;
        this.end = end;
        this.statementLine = statementLine;
    }

    /** The world of a lesson that {@link LessonParser} read (which has checked that it parses). */
    public static LessonWorld of(Lesson lesson) {
        return build(lesson);
    }

    /** Builds the world; a statement that does not parse is reported at its line in the lesson. */
    static LessonWorld build(Lesson lesson) throws LessonSyntaxException {
        List<Line> lines = new ArrayList<>();
        int n = lesson.steps().size();
        int[] start = new int[n], actionEnd = new int[n], end = new int[n];
        for (int k = 0; k < n; k++) {
            LessonStep s = lesson.steps().get(k);
            start[k] = lines.size();
            if (s.action() instanceof Action.Scn scn) {
                String[] text = scn.text().split("\n", -1);
                for (int j = 0; j < text.length; j++) lines.add(new Line(scn.line() + j, text[j], k, false));
            }
            actionEnd[k] = lines.size();
            if (s.check() != null && s.check().kind() == Checkpoint.Kind.PREDICT) {
                lines.add(new Line(s.check().line(), s.check().statement(), k, true));
            }
            end[k] = lines.size();
        }
        Scenario parsed;
        try {
            parsed = ScenarioParser.parse(lesson.file(), join(lines));
        } catch (ScenarioSyntaxException e) {
            int at = Math.max(1, Math.min(e.pos().line(), lines.size()));
            throw new LessonSyntaxException(lesson.file(), lines.isEmpty() ? 1 : lines.get(at - 1).fileLine(), e.problem());
        }
        List<Statement> top = parsed.statements();
        int[] statementLine = new int[top.size()];
        List<Statement> mapped = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            statementLine[i] = top.get(i).pos().line() - 1;
            mapped.add(remap(top.get(i), lines));
        }
        // a predict line is one call of its own
        for (int k = 0; k < n; k++) {
            if (end[k] == actionEnd[k]) continue;
            int p = actionEnd[k];
            List<Statement> at = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) if (statementLine[i] == p) at.add(top.get(i));
            if (at.size() != 1 || !(at.get(0) instanceof Statement.Call)) {
                throw new LessonSyntaxException(lesson.file(), lines.get(p).fileLine(),
                    "predict: takes one call of the scenario language (epoll_wait(ep, 8, 0)), not a block or a directive");
            }
        }
        Scenario scenario = new Scenario(parsed.file(), parsed.title(), parsed.only(), parsed.onlyReason(),
            parsed.needsKernel(), List.copyOf(mapped));
        return new LessonWorld(lesson, List.copyOf(lines), scenario, start, actionEnd, end, statementLine);
    }

    static String join(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) sb.append(l.text()).append('\n');
        return sb.toString();
    }

    private static Statement remap(Statement s, List<Line> lines) {
        SourcePos p = s.pos();
        SourcePos at = new SourcePos(p.file(), lines.get(p.line() - 1).fileLine(), p.column());
        if (s instanceof Statement.Call c) {
            return new Statement.Call(at, c.text(), c.only(), c.bindings(), c.name(), c.args(), c.expect());
        }
        if (s instanceof Statement.Thread t) {
            return new Statement.Thread(at, t.text(), t.only(), t.name(), t.body().stream().map(b -> remap(b, lines)).toList());
        }
        if (s instanceof Statement.Fork f) {
            return new Statement.Fork(at, f.text(), f.only(), f.body().stream().map(b -> remap(b, lines)).toList());
        }
        if (s instanceof Statement.AwaitBlocked a) return new Statement.AwaitBlocked(at, a.text(), a.only(), a.thread());
        if (s instanceof Statement.Join j) return new Statement.Join(at, j.text(), j.only(), j.thread());
        Statement.Sleep sl = (Statement.Sleep) s;
        return new Statement.Sleep(at, sl.text(), sl.only(), sl.millis());
    }

    public Lesson lesson() {
        return lesson;
    }

    /** The world: every statement of the lesson, predict statements included, at their lesson lines. */
    public Scenario scenario() {
        return scenario;
    }

    /** Top-level statements that have run before step {@code k} begins. */
    public int statementsBefore(int k) {
        return count(start[k]);
    }

    /** Top-level statements that have run once step {@code k}'s scn block has (its action, before any reveal). */
    public int statementsAfterAction(int k) {
        return count(actionEnd[k]);
    }

    /** Top-level statements that have run after step {@code k}, its predict statement included. */
    public int statementsAfterReveal(int k) {
        return count(end[k]);
    }

    /** The predict statement of step {@code k}, or null. */
    public Statement predictStatement(int k) {
        return end[k] > actionEnd[k] ? scenario.statements().get(count(actionEnd[k])) : null;
    }

    /** The top-level statements that step {@code k}'s action runs. */
    public List<Statement> actionStatements(int k) {
        return scenario.statements().subList(statementsBefore(k), statementsAfterAction(k));
    }

    private int count(int lineIndex) {
        int c = 0;
        while (c < statementLine.length && statementLine[c] < lineIndex) c++;
        return c;
    }

    // ---- for the engine: the source lines of the world so far, to rewrite for a belief ----

    /** The world's source texts from line index {@code from} to {@code to}. */
    List<String> texts(int from, int to) {
        return lines.subList(from, to).stream().map(Line::text).toList();
    }

    int start(int k) {
        return start[k];
    }

    int actionEnd(int k) {
        return actionEnd[k];
    }

    int end(int k) {
        return end[k];
    }
}
