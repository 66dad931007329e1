package org.pollscope.kernel.trace;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace as JSON lines: one object per event, {@code "type"} the record's name and one key
 * per record component ({@code {"type":"SyscallExit","time":0,"tid":100,...}}). Reading gives
 * the objects back as ordered maps, for replaying a saved trace in a view.
 */
public final class TraceJson {
    private TraceJson() {}

    /** One event as one line of JSON. */
    public static String line(TraceEvent e) {
        StringBuilder sb = new StringBuilder("{\"type\":\"").append(e.getClass().getSimpleName()).append('"');
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(e);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            sb.append(",\"").append(c.getName()).append("\":");
            if (v == null) sb.append("null");
            else if (v instanceof Number || v instanceof Boolean) sb.append(v);
            else quote(sb, v.toString());
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        sb.append('"');
    }

    /** Every event, a line each. */
    public static String lines(List<TraceEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : events) sb.append(line(e)).append('\n');
        return sb.toString();
    }

    /**
     * Reads one line back: a flat object of strings, numbers, booleans and null. Throws
     * IllegalArgumentException naming the column (from 1) of anything else and what was found
     * there; nothing else escapes, whatever the line holds.
     */
    public static Map<String, Object> parse(String line) {
        Map<String, Object> out = new LinkedHashMap<>();
        int[] i = {0};
        skip(line, i);
        if (i[0] >= line.length() || line.charAt(i[0]) != '{') {
            throw bad(line, i[0], "expected a JSON object ('{')");
        }
        i[0]++;
        skip(line, i);
        if (i[0] < line.length() && line.charAt(i[0]) == '}') {
            i[0]++;
            return end(line, i, out);
        }
        while (true) {
            skip(line, i);
            if (i[0] >= line.length() || line.charAt(i[0]) != '"') throw bad(line, i[0], "expected a key in double quotes");
            String key = string(line, i);
            skip(line, i);
            expect(line, i, ':');
            skip(line, i);
            out.put(key, value(line, i));
            skip(line, i);
            if (i[0] >= line.length()) throw bad(line, i[0], "expected ',' or '}'");
            char c = line.charAt(i[0]++);
            if (c == '}') return end(line, i, out);
            if (c != ',') throw bad(line, i[0] - 1, "expected ',' or '}'");
        }
    }

    /** Nothing but blanks may follow the object. */
    private static Map<String, Object> end(String line, int[] i, Map<String, Object> out) {
        skip(line, i);
        if (i[0] < line.length()) throw bad(line, i[0], "expected the end of the line after the object");
        return out;
    }

    /** "column C: expected X, found Y", C from 1, Y what is there (or the end of the line). */
    private static IllegalArgumentException bad(String s, int at, String expected) {
        String found;
        if (at >= s.length()) {
            found = "the end of the line";
        } else {
            int cp = s.codePointAt(at);
            found = cp < 0x20 || cp == 0x7f || cp == 0xfffd || Character.isISOControl(cp)
                ? String.format("character U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
        }
        return new IllegalArgumentException("column " + (at + 1) + ": " + expected + ", found " + found);
    }

    private static Object value(String s, int[] i) {
        if (i[0] >= s.length()) throw bad(s, i[0], "expected a string, a number, true, false or null");
        if (s.charAt(i[0]) == '"') return string(s, i);
        if ("{[".indexOf(s.charAt(i[0])) >= 0) throw bad(s, i[0], "expected a string, a number, true, false or null (a trace's values are flat)");
        int start = i[0];
        while (i[0] < s.length() && ",}".indexOf(s.charAt(i[0])) < 0 && !Character.isWhitespace(s.charAt(i[0]))) i[0]++;
        String word = s.substring(start, i[0]);
        switch (word) {
            case "null":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                try {
                    return Long.parseLong(word);
                } catch (NumberFormatException e) {
                    throw bad(s, start, word.matches("-?[0-9]+") ? "expected a number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE
                        : "expected a string, a whole number, true, false or null");
                }
        }
    }

    private static String string(String s, int[] i) {
        int open = i[0];
        expect(s, i, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i[0] >= s.length()) throw bad(s, open, "unterminated string");
            char c = s.charAt(i[0]++);
            if (c == '"') return sb.toString();
            if (c == '\\') {
                if (i[0] >= s.length()) throw bad(s, open, "unterminated string");
                char e = s.charAt(i[0]++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case '"', '\\', '/' -> sb.append(e);
                    case 'u' -> {
                        String hex = i[0] + 4 <= s.length() ? s.substring(i[0], i[0] + 4) : "";
                        if (!hex.matches("[0-9A-Fa-f]{4}")) throw bad(s, i[0] - 2, "expected \\u and four hex digits");
                        sb.append((char) Integer.parseInt(hex, 16));
                        i[0] += 4;
                    }
                    default -> throw bad(s, i[0] - 2, "expected an escape (\\\", \\\\, \\n, \\t, \\uXXXX ...)");
                }
            } else {
                sb.append(c);
            }
        }
    }

    private static void skip(String s, int[] i) {
        while (i[0] < s.length() && Character.isWhitespace(s.charAt(i[0]))) i[0]++;
    }

    private static void expect(String s, int[] i, char c) {
        if (i[0] >= s.length() || s.charAt(i[0]) != c) throw bad(s, i[0], "expected '" + c + "'");
        i[0]++;
    }

    /** Reads a whole JSON-lines text (a byte-order mark skipped); errors name the line: "line 3, column 1: expected ...". */
    public static List<Map<String, Object>> parseAll(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        String[] lines = org.pollscope.kernel.text.Utf8.withoutBom(text).split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].isBlank()) continue;
            try {
                out.add(parse(lines[n]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ", " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** {@link #parseAll(String)} of a file's bytes: a byte that is not UTF-8 is named at its line and column. */
    public static List<Map<String, Object>> parseAll(byte[] bytes) {
        try {
            return parseAll(org.pollscope.kernel.text.Utf8.decode(bytes));
        } catch (org.pollscope.kernel.text.Utf8.Malformed e) {
            throw new IllegalArgumentException("line " + e.line() + ", column " + e.col() + ": " + e.getMessage(), e);
        }
    }
}
