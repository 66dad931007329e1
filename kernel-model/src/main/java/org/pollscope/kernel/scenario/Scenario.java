package org.pollscope.kernel.scenario;

import java.util.List;

/**
 * A parsed {@code .scn} file.
 *
 * @param only       "model" or "linux" when the whole file runs on one side, else null
 * @param onlyReason why it runs on one side only
 * @param needsKernel minimum kernel version ("4.5"), or null
 */
public record Scenario(String file, String title, String only, String onlyReason, String needsKernel,
                       List<Statement> statements) {

    /** Every statement, thread and fork bodies included, in source order. */
    public List<Statement> allStatements() {
        List<Statement> out = new java.util.ArrayList<>();
        collect(statements, out);
        return out;
    }

    private static void collect(List<Statement> list, List<Statement> out) {
        for (Statement s : list) {
            out.add(s);
            if (s instanceof Statement.Thread t) collect(t.body(), out);
            if (s instanceof Statement.Fork f) collect(f.body(), out);
        }
    }
}
