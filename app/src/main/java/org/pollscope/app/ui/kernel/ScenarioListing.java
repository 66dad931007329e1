package org.pollscope.app.ui.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.StepResult;
import org.pollscope.kernel.scenario.Statement;

/**
 * The whole scenario as the listing shows it: every line of the file as written (thread bodies
 * indented as they are, comments, blank lines), with the statements added by clicking a file
 * where they were inserted, and for each line the statement written on it. Without the file's
 * text (a scenario built in memory) it lists the statements, bodies indented.
 */
final class ScenarioListing {
    private final List<String> numbers = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    /** the statement written on each row, or null (comment, blank line, '}') */
    private final List<Statement> statementOfRow = new ArrayList<>();
    private final Map<Statement, Integer> rowOf = new IdentityHashMap<>();

    /** The listing of {@code s}; {@code source} is the file's lines, or null. */
    ScenarioListing(Scenario s, List<String> source) {
        if (source == null) {
            for (Statement st : s.statements()) {
                add(number(st), st.text(), st);
                for (Statement inner : body(st)) add(number(inner), "    " + inner.text(), inner);
            }
            return;
        }
        Map<Integer, Statement> onLine = new HashMap<>();
        for (Statement st : s.allStatements()) {
            if (!clicked(st)) onLine.putIfAbsent(st.pos().line(), st);
        }
        // the statements added by a click, each after the last line of the statement it follows
        Map<Integer, List<Statement>> addedAfter = new HashMap<>();
        int end = s.statements().stream().filter(st -> !clicked(st)).mapToInt(st -> st.pos().line() - 1).findFirst().orElse(source.size());
        for (Statement st : s.statements()) {
            if (clicked(st)) addedAfter.computeIfAbsent(end, k -> new ArrayList<>()).add(st);
            else end = lastLine(st, source);
        }
        for (Statement st : addedAfter.getOrDefault(0, List.of())) add("+", st.text(), st);
        for (int n = 1; n <= source.size(); n++) {
            add(String.valueOf(n), source.get(n - 1), onLine.get(n));
            for (Statement st : addedAfter.getOrDefault(n, List.of())) add("+", st.text(), st);
        }
    }

    private void add(String number, String text, Statement st) {
        if (st != null) rowOf.put(st, numbers.size());
        numbers.add(number);
        texts.add(text);
        statementOfRow.add(st);
    }

    private static String number(Statement st) {
        return clicked(st) ? "+" : String.valueOf(st.pos().line());
    }

    static boolean clicked(Statement st) {
        return st.pos().file().equals(StepViewModel.CLICKED);
    }

    private static List<Statement> body(Statement st) {
        return st instanceof Statement.Thread t ? t.body() : st instanceof Statement.Fork f ? f.body() : List.of();
    }

    /** The last line of a statement: its own, or for a block the line of its closing brace. */
    private static int lastLine(Statement st, List<String> source) {
        int last = st.pos().line();
        if (!(st instanceof Statement.Thread) && !(st instanceof Statement.Fork)) return last;
        for (Statement inner : body(st)) last = Math.max(last, inner.pos().line());
        for (int n = last + 1; n <= source.size(); n++) {
            if (source.get(n - 1).strip().startsWith("}")) return n;
        }
        return last;
    }

    /** The row {@code st} is written on, or -1. */
    int rowOf(Statement st) {
        Integer row = st == null ? null : rowOf.get(st);
        return row == null ? -1 : row;
    }

    /** The rows "12  text", without marks. */
    List<String> plain() {
        List<String> out = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) out.add(numbers.get(i) + "  " + texts.get(i));
        return out;
    }

    /**
     * The rows with the marks of a step: {@code current} the last top-level statement run,
     * {@code running} what each unfinished thread is on, {@code results} every result so far.
     */
    List<ListingLine> lines(Statement current, Map<String, Statement> running, Map<Statement, StepResult> results) {
        Map<Statement, String> threadOn = new IdentityHashMap<>();
        running.forEach((name, st) -> threadOn.put(st, name));
        List<ListingLine> out = new ArrayList<>(numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            Statement st = statementOfRow.get(i);
            ListingLine.Verdict verdict = ListingLine.Verdict.NONE;
            String note = "";
            StepResult r = st == null ? null : results.get(st);
            if (r != null && r.skipped() == null) {
                if (r.failure() != null) {
                    verdict = ListingLine.Verdict.NOT_MET;
                    note = r.shown();
                } else if (r.hasExpectation()) {
                    verdict = ListingLine.Verdict.MET;
                }
            }
            out.add(new ListingLine(numbers.get(i), texts.get(i), st != null && st == current, st == null ? null : threadOn.get(st),
                verdict, note));
        }
        return out;
    }

    /** Splits a file's text into its lines as the parser numbers them (a final newline ends the last line). */
    static List<String> linesOf(String source) {
        List<String> lines = new ArrayList<>(List.of(source.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }
}
