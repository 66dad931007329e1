package org.pollscope.app.ui;

/**
 * Form fields: numbers as a person types them (trimmed, whole, or null when they are not
 * numbers), and a field beside its label.
 */
public final class Fields {
    private Fields() {}

    /** A label and its field, kept on one row when the row they are in wraps (a FlowPane). */
    public static javafx.scene.layout.HBox labelled(String label, javafx.scene.Node field) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(label);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // whole, never "Lo..."
        javafx.scene.layout.HBox h = new javafx.scene.layout.HBox(6, l, field);
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

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
