package org.pollscope.app.ui;

/** Numbers as a person types them into a form field: trimmed, whole, or null when they are not numbers. */
public final class Fields {
    private Fields() {}

    /** A whole number as typed, or null. */
    public static Integer integer(String s) {
        try {
            return Integer.valueOf(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A seed (a long) as typed, or null. */
    public static Long seed(String s) {
        try {
            return Long.valueOf(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
