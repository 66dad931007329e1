package org.pollscope.app.ui.lesson;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A step's statements as the lesson writes them, with each expectation ({@code => ...}) aligned
 * in a column, fitted to the width the pane has. When the aligned form is too wide, the column
 * goes: a line keeps one space before its {@code =>} when it fits so, and otherwise puts the
 * expectation on a line of its own, indented, so that a narrow pane (1024x768, the projector
 * theme) wraps no statement in the middle of its padding.
 */
final class ListingFit {
    private ListingFit() {}

    /** A statement, the padding that aligns its expectation, and the expectation. */
    private static final Pattern ALIGNED = Pattern.compile("^(.*?\\S)\\s{2,}(=>.*)$");

    static String fit(String source, Font font, double width) {
        if (source.isEmpty() || width <= 0) return source;
        String[] lines = source.split("\n", -1);
        boolean fits = true;
        for (String l : lines) {
            if (width(l, font) > width) {
                fits = false;
                break;
            }
        }
        if (fits) return source;
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            if (out.length() > 0) out.append('\n');
            Matcher m = ALIGNED.matcher(l);
            if (!m.matches()) {
                out.append(l);
                continue;
            }
            String one = m.group(1) + " " + m.group(2);
            out.append(width(one, font) <= width ? one : m.group(1) + "\n    " + m.group(2));
        }
        return out.toString();
    }

    private static double width(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
