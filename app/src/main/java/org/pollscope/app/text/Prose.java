package org.pollscope.app.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Lesson Markdown as terminal text: paragraphs and list items wrapped to a width, fenced code
 * as it is (indented), {@code **bold**} and {@code _emphasis_} marks dropped, {@code `code`}
 * kept. Widths count columns as a terminal does: a Chinese character takes two.
 */
public final class Prose {
    private Prose() {}

    /** The width lesson prose is wrapped to, for an 80-column terminal. */
    public static final int WIDTH = 78;

    /** The Markdown {@code text} as lines of at most {@code width} columns, each starting with {@code indent}. */
    public static List<String> lines(String text, int width, String indent) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) return out;
        String[] src = text.split("\n", -1);
        StringBuilder para = new StringBuilder();
        String first = indent, rest = indent;
        for (int i = 0; i < src.length; i++) {
            String l = src[i];
            String s = l.strip();
            if (s.startsWith("```") || s.startsWith("~~~")) {
                flush(out, para, width, first, rest);
                String fence = s.substring(0, 3);
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) out.add("");
                for (i++; i < src.length && !src[i].strip().startsWith(fence); i++) {
                    out.add(fit(indent + "    " + src[i].stripTrailing(), width));
                }
                out.add("");
                continue;
            }
            if (s.isEmpty()) {
                flush(out, para, width, first, rest);
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) out.add("");
                first = rest = indent;
                continue;
            }
            java.util.regex.Matcher item = java.util.regex.Pattern.compile("^(\\s*)([-*+]|\\d+[.)])\\s+(.*)").matcher(l);
            if (item.matches()) {
                flush(out, para, width, first, rest);
                String lead = item.group(1).replace("\t", "  ");
                String mark = item.group(2).matches("[-*+]") ? "-" : item.group(2);
                first = indent + lead + mark + " ";
                rest = indent + lead + " ".repeat(mark.length() + 1);
                para.append(item.group(3));
                continue;
            }
            if (s.startsWith("#")) {
                flush(out, para, width, first, rest);
                out.addAll(wrap(plain(s.replaceFirst("^#+\\s*", "")), width, indent, indent));
                first = rest = indent;
                continue;
            }
            // a line break is a space between words, but nothing between Chinese characters or
            // before full-width punctuation (CommonMark's soft break, as CJK text wants it)
            if (para.length() > 0 && !(width(para.charAt(para.length() - 1)) == 2 || width(s.charAt(0)) == 2)) para.append(' ');
            para.append(s);
        }
        flush(out, para, width, first, rest);
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    private static void flush(List<String> out, StringBuilder para, int width, String first, String rest) {
        if (para.length() == 0) return;
        out.addAll(wrap(plain(para.toString()), width, first, rest));
        para.setLength(0);
    }

    /** Drops Markdown's emphasis marks; code spans keep their backticks, so that code still reads as code. */
    static String plain(String s) {
        return s.replaceAll("\\*\\*(.+?)\\*\\*", "$1").replaceAll("__(.+?)__", "$1")
            .replaceAll("(?<![\\w*])\\*(?!\\s)(.+?)(?<!\\s)\\*(?![\\w*])", "$1")
            .replaceAll("\\[([^\\]]+)\\]\\(([^)]+)\\)", "$1 ($2)");
    }

    /** Wraps plain text: breaks at spaces, and between Chinese characters (not before their closing punctuation). */
    public static List<String> wrap(String text, int width, String first, String rest) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int w = width(first);
        boolean empty = true;
        for (Token t : tokens(text)) {
            String s = t.text;
            // a token longer than a line is cut where the line ends
            while (width(rest) + width(s) > width && width(s) > 1) {
                if (!empty) {
                    out.add(line.toString());
                    line = new StringBuilder(rest);
                    w = width(rest);
                }
                int cut = cutAt(s, width - w);
                line.append(s, 0, cut);
                out.add(line.toString());
                line = new StringBuilder(rest);
                w = width(rest);
                empty = true;
                s = s.substring(cut);
            }
            int sep = t.spaceBefore && !empty ? 1 : 0;
            if (!empty && w + sep + width(s) > width) {
                out.add(line.toString());
                line = new StringBuilder(rest);
                w = width(rest);
                sep = 0;
            }
            if (sep == 1) line.append(' ');
            line.append(s);
            w += sep + width(s);
            empty = false;
        }
        if (!empty) out.add(line.toString());
        return out;
    }

    private static int cutAt(String s, int columns) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += width(s.charAt(i));
            if (w > Math.max(1, columns)) return Math.max(1, i);
        }
        return s.length();
    }

    private record Token(String text, boolean spaceBefore) {}

    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word.length() > 0) out.add(new Token(word.toString(), space));
                word.setLength(0);
                space = true;
                continue;
            }
            if (width(c) == 2) {
                // right after a word (nothing between), or right after a token with no space since
                if (CLOSING.indexOf(c) >= 0 && (word.length() > 0 || !out.isEmpty() && !space)) {
                    // closing punctuation stays with what it closes
                    if (word.length() > 0) {
                        word.append(c);
                    } else {
                        Token last = out.remove(out.size() - 1);
                        out.add(new Token(last.text + c, last.spaceBefore));
                    }
                    continue;
                }
                if (word.length() > 0) {
                    out.add(new Token(word.toString(), space));
                    space = false; // the space was before the word, not before this character
                }
                word.setLength(0);
                out.add(new Token(String.valueOf(c), space));
                space = false;
                continue;
            }
            if (word.length() == 0 && !out.isEmpty() && !space && width(out.get(out.size() - 1).text.charAt(
                out.get(out.size() - 1).text.length() - 1)) == 2) {
                // Latin text right after a Chinese character: it may break there
                word.append(c);
                space = false;
                continue;
            }
            word.append(c);
        }
        if (word.length() > 0) out.add(new Token(word.toString(), space));
        return out;
    }

    private static final String CLOSING = "，。、；：！？）」』】》〉”’";

    /** Terminal columns of a string. */
    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) w += width(s.charAt(i));
        return w;
    }

    static int width(char c) {
        return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
            || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
            || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x3000 && c <= 0x303F) ? 2 : 1;
    }

    /** The line cut to {@code width} columns, with '…' where it was cut. */
    public static String fit(String line, int width) {
        if (width(line) <= width) return line;
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (int i = 0; i < line.length(); i++) {
            int cw = width(line.charAt(i));
            if (w + cw > width - 1) break;
            sb.append(line.charAt(i));
            w += cw;
        }
        return sb.append('…').toString();
    }
}
