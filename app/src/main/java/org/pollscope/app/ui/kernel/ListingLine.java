package org.pollscope.app.ui.kernel;

/**
 * One line of the Scenario tab's listing: a line of the file as it is written, or a statement
 * added by clicking a file, with the marks of the current step.
 *
 * @param number  the line's number in the file, "+" for a statement added by a click, or "" for
 *                a program's listing line
 * @param text    the line exactly as in the file (indentation, comments), or the added statement
 * @param current whether the current top-level statement is on this line (the last one run)
 * @param thread  the name of the scenario thread whose running line this is, or null
 * @param verdict whether the line's prediction was met, or {@link Verdict#NONE}
 * @param note    what goes with the verdict: the model's result when it was not met, else ""
 */
public record ListingLine(String number, String text, boolean current, String thread, Verdict verdict, String note) {

    /** The judgement of a line's expectation. */
    public enum Verdict { NONE, MET, NOT_MET }

    /** The plain line, "12  text" (no marks). */
    public String plain() {
        return number.isEmpty() ? text : number + "  " + text;
    }
}
