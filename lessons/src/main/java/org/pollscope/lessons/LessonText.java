package org.pollscope.lessons;

import java.util.List;

/**
 * A lesson written back as the Markdown {@link LessonParser} reads: front matter, introduction,
 * and each step with its narrative and blocks (action, checkpoint, notes, in that order).
 * Reading what this writes gives the same lesson but for line numbers; a tool that rewrites
 * lessons (or a test of the parser) goes through here.
 */
public final class LessonText {
    private LessonText() {}

    public static String write(Lesson l) {
        StringBuilder sb = new StringBuilder("---\n");
        sb.append("id: ").append(l.id()).append('\n');
        sb.append("title: ").append(quoted(l.title())).append('\n');
        sb.append("level: ").append(l.level()).append('\n');
        sb.append("minutes: ").append(l.minutes()).append('\n');
        list(sb, "objectives", l.objectives());
        list(sb, "sources", l.sources());
        sb.append("---\n");
        if (!l.intro().isEmpty()) sb.append('\n').append(l.intro()).append('\n');
        for (LessonStep s : l.steps()) {
            sb.append("\n## ").append(s.title()).append('\n');
            if (!s.narrative().isEmpty()) sb.append('\n').append(s.narrative()).append('\n');
            if (s.action() instanceof Action.Scn scn) {
                sb.append("\n```scn\n").append(scn.text()).append("\n```\n");
            } else if (s.action() instanceof Action.Program p) {
                sb.append("\n```program\nname: ").append(p.name()).append("\nclients: ").append(p.clients())
                    .append("\nactive: ").append(p.active()).append("\nseed: ").append(p.seed())
                    .append("\nrun: ").append(p.run()).append("\n```\n");
            }
            Checkpoint c = s.check();
            if (c != null) {
                sb.append("\n```check\n");
                if (c.kind() == Checkpoint.Kind.PREDICT) {
                    sb.append("predict: ").append(c.statement()).append('\n');
                    sb.append("ask: ").append(c.ask()).append('\n');
                } else {
                    sb.append("choose: ").append(c.ask()).append('\n');
                    sb.append("measure: ").append(c.measure()).append('\n');
                }
                for (Belief b : c.wrong()) sb.append("wrong: ").append(b.label()).append(" | ").append(b.change().text()).append('\n');
                sb.append("explain: ").append(c.explain()).append("\n```\n");
            }
            if (s.notes() != null) sb.append("\n```notes\n").append(s.notes()).append("\n```\n");
        }
        return sb.toString();
    }

    private static void list(StringBuilder sb, String key, List<String> items) {
        sb.append(key).append(":\n");
        for (String i : items) sb.append("  - ").append(quoted(i)).append('\n');
    }

    /** A value that would read otherwise bare (one that is itself in quotes) keeps its own quotes by another pair. */
    private static String quoted(String v) {
        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? "\"" + v + "\"" : v;
    }
}
