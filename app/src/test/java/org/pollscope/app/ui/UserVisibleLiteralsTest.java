package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Words a user reads come from the bundles: the sources of the window are scanned for string
 * literals handed to what shows text (setters, the constructors of controls, the canvas's
 * fillText, a property's set), and a literal with a letter in it fails the test unless it is
 * a bundle key or kernel notation that every language writes the same.
 */
class UserVisibleLiteralsTest {
    /** Calls whose arguments a user reads. */
    private static final Pattern SHOWN = Pattern.compile(
        "\\.(setText|setPromptText|setTitle|setLabel|setHeaderText|setContentText|setAccessibleText|setName|fillText|strokeText"
            + "|showError|set)\\s*\\("
            + "|\\bnew\\s+(Label|MenuItem|Button|Tooltip|CheckBox|RadioButton|ToggleButton|Menu|RadioMenuItem|CheckMenuItem|Tab"
            + "|TitledPane|Hyperlink|Text|Alert)\\s*\\(");

    /** printf-style conversions ("%d / %d", "%.0fk"): a pattern, not words. */
    private static final Pattern CONVERSION = Pattern.compile("%[-#+ 0,(<]*\\d*(\\.\\d+)?[a-zA-Z%]");

    /** Kernel and strace notation, the same in every language. */
    private static final Set<String> NOTATION = Set.of("fd ", "pid ", "rb_erase → ____rb_erase_color:", "rb_insert_color → __rb_insert:");

    private static List<Path> sources() throws IOException {
        Path ui = Path.of("src", "main", "java", "org", "pollscope", "app", "ui");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ui)) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
        }
        out.add(Path.of("src", "main", "java", "org", "pollscope", "app", "SnapshotRenderer.java"));
        return out;
    }

    @Test
    void noEnglishLiteralIsShownInTheWindow() throws IOException {
        Set<String> keys = MessagesTest.load("messages.properties").stringPropertyNames();
        List<String> found = new ArrayList<>();
        List<Path> files = sources();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) found.addAll(shownLiterals(f.getFileName().toString(), Files.readString(f), keys));
        assertThat(found).as("string literals shown to the user; move them to messages.properties and messages_zh_CN.properties").isEmpty();
    }

    @Test
    void theScanFindsALiteralAndLetsKeysAndSymbolsBe() {
        Set<String> keys = Set.of("step.back", "view.theme.light");
        String src = """
            class X {
                void f() {
                    a.setText("Hello");   // a comment with ("quotes")
                    b.setText(text.getString("step.back") + " ▶");
                    Label c = new Label(
                        "multi (line)"
                        + x);
                    d.textProperty().bind(Bindings.format("%d / %d", p, q));
                    new MenuItem(text.getString("view.theme." + t));
                    /* new Button("in a comment") */
                    status.set(String.valueOf(n) + " rows");
                    g.fillText("fd " + fd, 1, 2);
                }
            }
            """;
        assertThat(shownLiterals("X.java", src, keys))
            .containsExactly("X.java:3: \"Hello\"", "X.java:6: \"multi (line)\"", "X.java:11: \" rows\"");
    }

    /** "File.java:line: \"literal\"" for each literal with a letter in the arguments of a call that shows text. */
    static List<String> shownLiterals(String name, String source, Set<String> keys) {
        String src = withoutComments(source);
        List<String> out = new ArrayList<>();
        Matcher m = SHOWN.matcher(src);
        while (m.find()) {
            int depth = 1;
            for (int i = m.end(); i < src.length() && depth > 0; i++) {
                char c = src.charAt(i);
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == '\'') i = src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2));
                else if (c == '"') {
                    int end = endOfString(src, i);
                    String literal = src.substring(i + 1, end);
                    if (shownWords(literal, keys)) {
                        out.add(name + ":" + (1 + src.substring(0, i).chars().filter(ch -> ch == '\n').count()) + ": \"" + literal + "\"");
                    }
                    i = end;
                }
            }
        }
        return out;
    }

    private static boolean shownWords(String literal, Set<String> keys) {
        if (keys.contains(literal) || (literal.endsWith(".") && keys.stream().anyMatch(k -> k.startsWith(literal)))) return false;
        if (NOTATION.contains(literal)) return false;
        return CONVERSION.matcher(literal).replaceAll("").chars().anyMatch(Character::isLetter);
    }

    /** The index of the quote that closes the string literal opening at {@code start}. */
    private static int endOfString(String src, int start) {
        int i = start + 1;
        while (src.charAt(i) != '"') i += src.charAt(i) == '\\' ? 2 : 1;
        return i;
    }

    /** The source with its comments blanked out (line breaks kept), strings and chars left alone. */
    static String withoutComments(String src) {
        StringBuilder sb = new StringBuilder(src);
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '"') {
                i = endOfString(src, i);
            } else if (c == '\'') {
                i = src.indexOf('\'', i + (src.charAt(i + 1) == '\\' ? 3 : 2));
            } else if (c == '/' && i + 1 < sb.length() && (sb.charAt(i + 1) == '/' || sb.charAt(i + 1) == '*')) {
                boolean line = sb.charAt(i + 1) == '/';
                int end = line ? src.indexOf('\n', i) : src.indexOf("*/", i + 2) + 2;
                if (end < 0 || (!line && end < 2)) end = src.length();
                for (int j = i; j < end; j++) if (sb.charAt(j) != '\n') sb.setCharAt(j, ' ');
                i = end - 1;
            }
        }
        return sb.toString();
    }
}
