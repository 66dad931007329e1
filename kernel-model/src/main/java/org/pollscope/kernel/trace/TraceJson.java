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
     * IllegalArgumentException naming the column of anything else.
     */
    public static Map<String, Object> parse(String line) {
        Map<String, Object> out = new LinkedHashMap<>();
        int[] i = {0};
        skip(line, i);
        expect(line, i, '{');
        skip(line, i);
        if (peek(line, i) == '}') return out;
        while (true) {
            skip(line, i);
            String key = string(line, i);
            skip(line, i);
            expect(line, i, ':');
            skip(line, i);
            out.put(key, value(line, i));
            skip(line, i);
            char c = next(line, i);
            if (c == '}') return out;
            if (c != ',') throw new IllegalArgumentException("column " + i[0] + ": expected ',' or '}'");
        }
    }

    private static Object value(String s, int[] i) {
        char c = peek(s, i);
        if (c == '"') return string(s, i);
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
                    throw new IllegalArgumentException("column " + (start + 1) + ": expected a string, a number, true, false or null");
                }
        }
    }

    private static String string(String s, int[] i) {
        expect(s, i, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i[0] >= s.length()) throw new IllegalArgumentException("column " + i[0] + ": unterminated string");
            char c = s.charAt(i[0]++);
            if (c == '"') return sb.toString();
            if (c == '\\') {
                char e = s.charAt(i[0]++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i[0], i[0] + 4), 16));
                        i[0] += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private static void skip(String s, int[] i) {
        while (i[0] < s.length() && Character.isWhitespace(s.charAt(i[0]))) i[0]++;
    }

    private static char peek(String s, int[] i) {
        if (i[0] >= s.length()) throw new IllegalArgumentException("column " + (i[0] + 1) + ": unexpected end of line");
        return s.charAt(i[0]);
    }

    private static char next(String s, int[] i) {
        char c = peek(s, i);
        i[0]++;
        return c;
    }

    private static void expect(String s, int[] i, char c) {
        if (next(s, i) != c) throw new IllegalArgumentException("column " + i[0] + ": expected '" + c + "'");
    }

    /** Reads a whole JSON-lines text; errors name the line. */
    public static List<Map<String, Object>> parseAll(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        String[] lines = text.split("\n");
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
}
