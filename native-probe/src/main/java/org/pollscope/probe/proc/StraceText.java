package org.pollscope.probe.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lexical side of a strace line: the {@code -yy} annotations taken out ({@code 5<socket:[1234]>},
 * {@code 9<TCP:[127.0.0.1:80->127.0.0.1:5000]>}), arguments split at the commas of the top
 * level, a call split into its name, arguments and return. strace's own printing is in its
 * {@code syscall.c} ({@code syscall_exiting_trace}) and {@code util.c} ({@code printfd}).
 */
final class StraceText {
    private StraceText() {}

    /** A body with its annotations taken out, and the annotation of each fd that had one (the last, if several). */
    record Plain(String text, Map<Integer, String> annotations) {}

    /** A call: {@code name(args) = ret}. {@code ret} is what follows '=' (null when the line has no '='). */
    record Call(String name, String args, String ret) {}

    static Plain strip(String s) {
        StringBuilder out = new StringBuilder(s.length());
        Map<Integer, String> ann = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                int e = endOfString(s, i);
                out.append(s, i, e);
                i = e;
                continue;
            }
            if (c == '<' && i > 0 && Character.isDigit(s.charAt(i - 1))) {
                int start = i - 1;
                while (start > 0 && Character.isDigit(s.charAt(start - 1))) start--;
                boolean wordStart = start == 0 || !Character.isLetterOrDigit(s.charAt(start - 1)) && s.charAt(start - 1) != '_' && s.charAt(start - 1) != '.';
                int e = wordStart ? endOfAnnotation(s, i) : -1;
                if (e > 0) {
                    try {
                        ann.put(Integer.parseInt(s.substring(start, i)), s.substring(i + 1, e));
                    } catch (NumberFormatException ex) {
                        // a number too long to be an fd: the annotation is dropped all the same
                    }
                    i = e + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return new Plain(out.toString(), ann);
    }

    /** The index just past the string that opens at {@code i} (or the end of the text when it is not closed). */
    static int endOfString(String s, int i) {
        int k = i + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '\\') k += 2;
            else if (c == '"') return k + 1;
            else k++;
        }
        return s.length();
    }

    /**
     * The index of the '>' that closes the annotation opening at {@code i}: outside brackets and
     * quotes ({@code ->} of a TCP pair sits inside [...]), nested ones counted (a device:
     * {@code 11</dev/ttyS0<char 4:64>>}); -1 when there is none.
     */
    static int endOfAnnotation(String s, int i) {
        int depth = 0;
        int angles = 0;
        int k = i + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '"') {
                k = endOfString(s, k);
                continue;
            }
            if (c == '[') depth++;
            else if (c == ']') depth = Math.max(0, depth - 1);
            else if (c == '>' && depth == 0) {
                if (angles == 0) return k;
                angles--;
            } else if (c == '<' && depth == 0) angles++;
            k++;
        }
        return -1;
    }

    /** Splits {@code name(args) = ret}; null when the text is not of that form. */
    static Call call(String body) {
        int p = body.indexOf('(');
        if (p <= 0) return null;
        String name = body.substring(0, p);
        if (!name.matches("[a-z_][a-z0-9_]*")) return null;
        int close = matching(body, p);
        if (close < 0) return null;
        String rest = body.substring(close + 1).trim();
        String ret = null;
        if (rest.startsWith("=")) ret = rest.substring(1).trim();
        else if (!rest.isEmpty()) return null;
        return new Call(name, body.substring(p + 1, close), ret);
    }

    /** The index of the bracket that closes the one at {@code open}, or -1. */
    static int matching(String s, int open) {
        int depth = 0;
        int k = open;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '"') {
                k = endOfString(s, k);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) return k;
                if (depth < 0) return -1;
            }
            k++;
        }
        return -1;
    }

    /** The arguments at the top level, trimmed ("3, [{...}, {...}], 8, -1" gives four). */
    static List<String> args(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int k = 0;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '"') {
                k = endOfString(s, k);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') depth++;
            else if (c == ')' || c == ']' || c == '}') depth--;
            else if (c == ',' && depth == 0) {
                out.add(s.substring(start, k).trim());
                start = k + 1;
            }
            k++;
        }
        String last = s.substring(start).trim();
        if (!last.isEmpty() || !out.isEmpty()) out.add(last);
        return out;
    }

    /** The fields of a struct as strace prints it ("{events=EPOLLIN, data={u32=5, u64=5}}"), by name; positional ones as "0", "1"... */
    static Map<String, String> struct(String s) {
        String t = s.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) return null;
        Map<String, String> m = new LinkedHashMap<>();
        int pos = 0;
        for (String a : args(t.substring(1, t.length() - 1))) {
            int eq = a.indexOf('=');
            int br = firstBracket(a);
            if (eq > 0 && (br < 0 || eq < br)) m.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            else m.put(String.valueOf(pos), a);
            pos++;
        }
        return m;
    }

    private static int firstBracket(String a) {
        for (int i = 0; i < a.length(); i++) if ("{[(\"".indexOf(a.charAt(i)) >= 0) return i;
        return -1;
    }

    /** The elements of an array ("[{...}, {...}]", "[3 4]" for an fd set); null when the text is not an array. */
    static List<String> array(String s) {
        String t = s.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) return null;
        String inner = t.substring(1, t.length() - 1).trim();
        if (inner.isEmpty()) return List.of();
        if (inner.startsWith("{")) return args(inner);
        List<String> out = new ArrayList<>();
        for (String w : inner.split("[ ,]+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** A C integer as strace prints it (decimal, 0x hex, negative); null when it is not one. */
    static Long integer(String s) {
        String t = s.trim();
        try {
            if (t.startsWith("0x")) return Long.parseUnsignedLong(t.substring(2), 16);
            if (t.startsWith("-0x")) return -Long.parseLong(t.substring(3), 16);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
