package org.pollscope.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares two languages of one lesson (docs/authoring-lessons.md, "Translations"): the same
 * id, level and minutes, the same steps, and in each step the same blocks: scn and program
 * blocks identical, checks of the same kind with the same predict statement, measure and
 * changes. Titles, narrative, ask, labels and explain are translated, so they are not compared.
 */
public final class Translations {
    private Translations() {}

    /** The differences, as {@code FILE:LINE: problem} of the second file; empty when they match. */
    public static List<String> differences(Lesson a, Lesson b) {
        List<String> out = new ArrayList<>();
        String at = b.file() + ":";
        if (!a.id().equals(b.id())) out.add(at + "1: id " + b.id() + " differs from " + a.file() + "'s " + a.id());
        if (!a.level().equals(b.level())) out.add(at + "1: level " + b.level() + " differs from " + a.file() + "'s " + a.level());
        if (a.minutes() != b.minutes()) out.add(at + "1: minutes " + b.minutes() + " differ from " + a.file() + "'s " + a.minutes());
        if (a.steps().size() != b.steps().size()) {
            out.add(at + "1: " + b.steps().size() + " steps, but " + a.file() + " has " + a.steps().size());
            return out;
        }
        for (int k = 0; k < a.steps().size(); k++) {
            LessonStep x = a.steps().get(k), y = b.steps().get(k);
            String where = at + y.line() + ": step " + (k + 1) + " ";
            String other = " than step " + (k + 1) + " of " + a.file() + " (line " + x.line() + ")";
            if (!sameAction(x.action(), y.action())) out.add(where + "has another action" + other);
            Checkpoint p = x.check(), q = y.check();
            if ((p == null) != (q == null)) {
                out.add(where + (q == null ? "has no checkpoint" : "has a checkpoint") + ", unlike step " + (k + 1) + " of " + a.file());
            } else if (p != null) {
                if (p.kind() != q.kind()) out.add(where + "asks " + q.kind().name().toLowerCase() + other);
                else if (!Objects.equals(p.statement(), q.statement())) out.add(where + "predicts another statement" + other);
                else if (!Objects.equals(p.measure(), q.measure())) out.add(where + "asks for another measure" + other);
                else if (!p.wrong().stream().map(w -> w.change()).toList().equals(q.wrong().stream().map(w -> w.change()).toList())) {
                    out.add(where + "has other wrong beliefs' changes" + other);
                }
            }
            if ((x.notes() == null) != (y.notes() == null)) {
                out.add(where + (y.notes() == null ? "has no notes" : "has notes") + ", unlike step " + (k + 1) + " of " + a.file());
            }
        }
        return out;
    }

    private static boolean sameAction(Action a, Action b) {
        if (a == null || b == null) return a == b;
        if (a instanceof Action.Scn s && b instanceof Action.Scn t) return s.text().strip().equals(t.text().strip());
        if (a instanceof Action.Program p && b instanceof Action.Program q) {
            return p.name().equals(q.name()) && p.clients() == q.clients() && p.active() == q.active() && p.seed() == q.seed()
                && p.run() == q.run();
        }
        return false;
    }
}
