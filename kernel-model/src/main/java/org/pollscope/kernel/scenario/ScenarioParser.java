package org.pollscope.kernel.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pollscope.kernel.Linux;

/**
 * Reads the scenario language (see docs/scenario-language.md). One statement per line;
 * every error names FILE:LINE:COLUMN and what would have been accepted there.
 */
public final class ScenarioParser {
    /** runs of white space in a statement's text, made one space (compiled once: a scenario may have 100,000 lines) */
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    /** [a-z_][a-z0-9_]*, without a regular expression per word */
    private static boolean isName(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!ok) return false;
        }
        return !w.isEmpty();
    }


    private enum T { IDENT, CONST, INT, STRING, PUNCT, AT, EOL }

    private record Tok(T type, String text, long value, int col) {
        boolean is(String p) {
            return (type == T.PUNCT || type == T.IDENT) && text.equals(p);
        }
    }

    private final String file;
    private List<Tok> toks;
    private int i;
    private int lineNo;
    private String lineText;

    private ScenarioParser(String file) {
        this.file = file;
    }

    /**
     * Reads a file; its name in messages is the path as given. A file over {@link
     * org.pollscope.kernel.text.Utf8#MAX_FILE_BYTES} is refused before it is read ({@link
     * org.pollscope.kernel.text.Utf8.TooLarge}); an empty one is an error at 1:1.
     */
    public static Scenario parse(Path path) throws ScenarioSyntaxException, IOException {
        byte[] bytes = org.pollscope.kernel.text.Utf8.readFile(path);
        if (bytes.length == 0) {
            throw new ScenarioSyntaxException(new SourcePos(path.toString(), 1, 1),
                "the file is empty (a scenario is one statement a line, e.g. a, b = socketpair())");
        }
        return parse(path.toString(), bytes);
    }

    /** Reads a file's bytes: UTF-8 (a byte-order mark skipped); a byte that is not is an error at its line and column. */
    public static Scenario parse(String file, byte[] bytes) throws ScenarioSyntaxException {
        String text;
        try {
            text = org.pollscope.kernel.text.Utf8.decode(bytes);
        } catch (org.pollscope.kernel.text.Utf8.Malformed e) {
            throw new ScenarioSyntaxException(new SourcePos(file, e.line(), e.col()), e.getMessage());
        }
        return parse(file, text);
    }

    /** Reads scenario text; {@code file} names it in messages. */
    public static Scenario parse(String file, String text) throws ScenarioSyntaxException {
        return new ScenarioParser(file).run(org.pollscope.kernel.text.Utf8.withoutBom(text), Set.of());
    }

    /**
     * Reads statements that go on from a scenario where {@code boundNames} are already bound
     * (a view adds a statement after the current step).
     */
    public static Scenario parse(String file, String text, Set<String> boundNames) throws ScenarioSyntaxException {
        return new ScenarioParser(file).run(text, boundNames);
    }

    // ---- the file: lines, directives, blocks ----

    private record Block(String kind, String name, SourcePos pos, String text, String only, List<Statement> body) {}

    private Scenario run(String text, Set<String> boundNames) throws ScenarioSyntaxException {
        String[] lines = text.split("\r?\n", -1);
        String title = null;
        String fileOnly = null;
        String fileOnlyReason = null;
        String needs = null;
        String pendingOnly = null;
        boolean seenStatement = false;
        Set<String> names = new HashSet<>(boundNames);
        Set<String> threads = new HashSet<>();
        Deque<Block> open = new ArrayDeque<>();
        List<Statement> top = new ArrayList<>();

        for (int n = 0; n < lines.length; n++) {
            lineNo = n + 1;
            lineText = lines[n];
            toks = lex(lineText);
            i = 0;
            if (peek().type == T.EOL) {
                continue;
            }
            List<Statement> into = open.isEmpty() ? top : open.peek().body();
            Tok first = peek();
            if (first.type == T.AT) {
                next();
                Tok d = expectIdent("a directive: @title, @only or @needs");
                switch (d.text) {
                    case "title" -> {
                        title = expectString("a quoted title after @title").text;
                        expectEol();
                    }
                    case "only" -> {
                        Tok side = expectIdent("'model' or 'linux' after @only");
                        if (!side.text.equals("model") && !side.text.equals("linux")) {
                            throw err(side.col, "expected 'model' or 'linux' after @only, found '" + side.text + "'");
                        }
                        String reason = peek().type == T.STRING ? next().text : null;
                        expectEol();
                        if (!seenStatement && open.isEmpty()) {
                            fileOnly = side.text;
                            fileOnlyReason = reason;
                        } else {
                            pendingOnly = side.text;
                        }
                    }
                    case "needs" -> {
                        Tok k = expectIdent("'kernel' after @needs");
                        if (!k.text.equals("kernel")) throw err(k.col, "expected 'kernel' after @needs");
                        Tok ge = next();
                        if (!ge.is(">=")) throw err(ge.col, "expected '>=' after @needs kernel");
                        Tok ver = next();
                        if (ver.type != T.INT && ver.type != T.IDENT) throw err(ver.col, "expected a version such as 4.5");
                        String v = ver.text;
                        needs = v;
                        expectEol();
                    }
                    default -> throw err(d.col, "unknown directive '@" + d.text + "' (expected @title, @only or @needs)");
                }
                continue;
            }
            if (first.is("}")) {
                next();
                expectEol();
                if (open.isEmpty()) {
                    throw err(first.col, "'}' closes no block");
                }
                Block b = open.pop();
                Statement s = b.kind.equals("thread")
                    ? new Statement.Thread(b.pos, b.text, b.only, b.name, List.copyOf(b.body))
                    : new Statement.Fork(b.pos, b.text, b.only, List.copyOf(b.body));
                (open.isEmpty() ? top : open.peek().body()).add(s);
                continue;
            }
            seenStatement = true;
            String only = pendingOnly;
            pendingOnly = null;
            if (first.type == T.IDENT && (first.text.equals("thread") || first.text.equals("fork"))
                && toks.size() > 1 && !toks.get(1).is("(") && !toks.get(1).is("=") && !toks.get(1).is(",")) {
                next();
                SourcePos pos = pos(first.col);
                String name = null;
                if (first.text.equals("thread")) {
                    Tok nm = expectIdent("a thread name after 'thread'");
                    name = nm.text;
                    if (threads.contains(name) || names.contains(name)) {
                        throw err(nm.col, "the name '" + name + "' is already bound");
                    }
                    threads.add(name);
                }
                Tok brace = next();
                if (!brace.is("{")) throw err(brace.col, "expected '{' to open the " + first.text + " block");
                expectEol();
                if (!open.isEmpty()) {
                    throw err(first.col, "blocks do not nest: a " + first.text + " block inside a " + open.peek().kind + " block");
                }
                open.push(new Block(first.text, name, pos, lineText.trim(), only, new ArrayList<>()));
                continue;
            }
            into.add(statement(only, names, threads));
        }
        if (!open.isEmpty()) {
            Block b = open.peek();
            throw new ScenarioSyntaxException(b.pos, "unterminated " + b.kind + " block: expected '}' before the end of the file");
        }
        return new Scenario(file, title, fileOnly, fileOnlyReason, needs, List.copyOf(top));
    }

    // ---- statements ----

    private Statement statement(String only, Set<String> names, Set<String> threads) throws ScenarioSyntaxException {
        List<Tok> bindings = new ArrayList<>();
        // bindings: a, b = call(...)
        int save = i;
        if (peek().type == T.IDENT && !peekAt(1).is("(")) {
            while (true) {
                Tok nm = expectIdent("a name to bind");
                bindings.add(nm);
                Tok sep = next();
                if (sep.is(",")) continue;
                if (sep.is("=")) break;
                throw err(sep.col, "expected ',' or '=' after the name '" + nm.text + "' (a call looks like name(args))");
            }
        } else {
            i = save;
        }
        Tok callTok = expectIdent("a call such as epoll_wait(ep, 8, 0)");
        SourcePos pos = pos(callTok.col);
        String text = lineText.trim();
        int hash = commentStart(text);
        if (hash >= 0) text = text.substring(0, hash).trim();
        text = WHITESPACE.matcher(text).replaceAll(" ");
        Tok lp = next();
        if (!lp.is("(")) throw err(lp.col, "expected '(' after '" + callTok.text + "'");

        switch (callTok.text) {
            case "await_blocked", "join" -> {
                Tok t = expectIdent("a thread name");
                if (!threads.contains(t.text)) throw err(t.col, "unbound thread '" + t.text + "' (declare it with thread " + t.text + " { ... })");
                closeParen();
                noBindings(bindings, callTok);
                expectEol();
                return callTok.text.equals("join")
                    ? new Statement.Join(pos, text, only, t.text)
                    : new Statement.AwaitBlocked(pos, text, only, t.text);
            }
            case "sleep" -> {
                Tok t = next();
                if (t.type != T.INT || t.value < 0) throw err(t.col, "expected milliseconds (an integer >= 0) in sleep()");
                closeParen();
                noBindings(bindings, callTok);
                expectEol();
                return new Statement.Sleep(pos, text, only, t.value);
            }
            default -> { }
        }
        CallSpec spec = CallSpec.of(callTok.text);
        if (spec == null) {
            throw err(callTok.col, "unknown call '" + callTok.text + "' (known: " + String.join(", ", CallSpec.all().keySet())
                + ", await_blocked, join, sleep)");
        }
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            while (true) {
                args.add(argument(spec, args.size(), names));
                Tok sep = next();
                if (sep.is(")")) break;
                if (!sep.is(",")) throw err(sep.col, "expected ',' or ')' in the arguments of " + spec.name());
            }
        } else {
            next();
        }
        if (spec.keywords().isEmpty()) {
            if (args.size() < spec.required() || args.size() > spec.args().length) {
                String want = spec.required() == spec.args().length ? String.valueOf(spec.required())
                    : spec.required() + " to " + spec.args().length;
                throw err(lp.col, spec.name() + " takes " + want + " argument" + (want.equals("1") ? "" : "s")
                    + ", found " + args.size());
            }
        }
        if (bindings.size() > 0) {
            if (spec.bindable() == 0) {
                throw err(bindings.get(0).col, spec.name() + " returns no file descriptor to bind");
            }
            if (bindings.size() != spec.bindable()) {
                throw err(bindings.get(0).col, spec.name() + " returns " + spec.bindable() + " file descriptor"
                    + (spec.bindable() == 1 ? "" : "s") + ", so bind " + spec.bindable() + " name"
                    + (spec.bindable() == 1 ? "" : "s") + ", found " + bindings.size());
            }
            for (Tok b : bindings) {
                if (threads.contains(b.text)) throw err(b.col, "'" + b.text + "' names a thread");
                names.add(b.text);
            }
        }
        Expectation expect = null;
        if (peek().is("=>")) {
            next();
            expect = expectation(names);
        }
        expectEol();
        return new Statement.Call(pos, text, only, bindings.stream().map(Tok::text).toList(), spec.name(),
            List.copyOf(args), expect);
    }

    private void noBindings(List<Tok> bindings, Tok call) throws ScenarioSyntaxException {
        if (!bindings.isEmpty()) throw err(bindings.get(0).col, call.text + " returns nothing to bind");
    }

    private void closeParen() throws ScenarioSyntaxException {
        Tok t = next();
        if (!t.is(")")) throw err(t.col, "expected ')'");
    }

    private Expr argument(CallSpec spec, int index, Set<String> names) throws ScenarioSyntaxException {
        Tok t = peek();
        if (!spec.keywords().isEmpty()) {
            Tok key = expectIdent("a keyword argument (" + String.join("=, ", new java.util.TreeSet<>(spec.keywords())) + "=)");
            if (!spec.keywords().contains(key.text)) {
                throw err(key.col, "unknown keyword '" + key.text + "' for " + spec.name() + " (expected one of "
                    + String.join(", ", new java.util.TreeSet<>(spec.keywords())) + ")");
            }
            Tok eq = next();
            if (!eq.is("=")) throw err(eq.col, "expected '=' after '" + key.text + "'");
            Expr v = key.text.equals("timeout_ms") || key.text.equals("nfds") ? number("an integer") : list(names, false);
            return new Expr.Keyword(pos(key.col), key.text, v);
        }
        if (index >= spec.args().length) {
            throw err(t.col, spec.name() + " takes at most " + spec.args().length + " arguments");
        }
        return switch (spec.args()[index]) {
            case FD -> fd(names);
            case INT -> number("an integer or a constant");
            case DATA -> t.type == T.STRING ? new Expr.Str(pos(next().col), t.text) : number("a string or a byte count");
            case LIST -> list(names, true);
        };
    }

    /**
     * What to say of an unbound name: a bound name close to it (a typo), else the names bound so
     * far and what binds one.
     */
    static String unbound(String name, Set<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : new java.util.TreeSet<>(names)) {
            if (name.length() > 64 || n.length() > 64) continue; // no typo of a name that long is worth the work
            int d = editDistance(name, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(name.length(), best.length()) / 3)) {
            return "unbound name '" + name + "' (did you mean '" + best + "'?)";
        }
        String binds = "a call's result binds a name, as in " + name + " = epoll_create1(0) or a, b = socketpair()";
        if (names.isEmpty()) return "unbound name '" + name + "': no name is bound yet; " + binds;
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(names));
        String shown = sorted.size() <= 8 ? String.join(", ", sorted) : String.join(", ", sorted.subList(0, 8)) + ", ...";
        return "unbound name '" + name + "' (bound so far: " + shown + "; " + binds + ")";
    }

    /** Edit distance: the fewest one-character insertions, deletions, replacements and swaps of neighbours from a to b. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private Expr fd(Set<String> names) throws ScenarioSyntaxException {
        Tok t = next();
        if (t.type == T.IDENT) {
            if (!names.contains(t.text)) {
                throw err(t.col, unbound(t.text, names));
            }
            return new Expr.Name(pos(t.col), t.text);
        }
        if (t.type == T.INT) return new Expr.Num(pos(t.col), t.value);
        throw err(t.col, "expected a file descriptor name, found " + describe(t));
    }

    private Expr number(String what) throws ScenarioSyntaxException {
        List<Expr> parts = new ArrayList<>();
        int col = peek().col;
        while (true) {
            Tok t = next();
            if (t.type == T.INT) {
                parts.add(new Expr.Num(pos(t.col), t.value));
            } else if (t.type == T.CONST) {
                Long v = Linux.constant(t.text);
                if (v == null) throw err(t.col, "unknown constant '" + t.text + "'");
                parts.add(new Expr.Const(pos(t.col), t.text, v));
            } else {
                throw err(t.col, "expected " + what + ", found " + describe(t));
            }
            if (!peek().is("|")) break;
            next();
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(pos(col), List.copyOf(parts));
    }

    private Expr list(Set<String> names, boolean flags) throws ScenarioSyntaxException {
        Tok lb = next();
        if (!lb.is("[")) throw err(lb.col, "expected '[' to open a list");
        List<Expr.Item> items = new ArrayList<>();
        if (peek().is("]")) {
            next();
            return new Expr.ListOf(pos(lb.col), List.of());
        }
        while (true) {
            Tok at = peek();
            Expr fd = at.type == T.INT ? new Expr.Num(pos(next().col), at.value) : fd(names);
            Expr fl = new Expr.Num(pos(at.col), 0);
            if (peek().is(":")) {
                next();
                fl = number("events such as POLLIN | POLLOUT");
            } else if (flags) {
                throw err(peek().col, "expected ':' and the events to poll for, e.g. [" + at.text + ": POLLIN]");
            }
            items.add(new Expr.Item(pos(at.col), fd, fl));
            Tok sep = next();
            if (sep.is("]")) break;
            if (!sep.is(",")) throw err(sep.col, "expected ',' or ']' in the list");
        }
        return new Expr.ListOf(pos(lb.col), List.copyOf(items));
    }

    // EXPECT := 'fd' | INT [ERRNO] [EVENTS] [STRING]
    private Expectation expectation(Set<String> names) throws ScenarioSyntaxException {
        Tok t = next();
        SourcePos pos = pos(t.col);
        if (t.type == T.IDENT && t.text.equals("fd")) {
            return new Expectation(pos, true, 0, null, null, null);
        }
        if (t.type != T.INT) {
            throw err(t.col, "expected the return value (an integer, or 'fd') after '=>', found " + describe(t));
        }
        long value = t.value;
        String errno = null;
        if (peek().type == T.CONST && Linux.errnoValue(peek().text) >= 0) {
            errno = next().text;
            if (value != -1) throw err(t.col, "an errno goes with the return value -1, found " + value);
        } else if (value == -1) {
            throw err(peek().col, "expected an errno name such as EBADF after -1, found " + describe(peek()));
        }
        Expectation.Events events = null;
        if (peek().is("[") || peek().is("{")) {
            events = events(names);
        }
        String bytes = null;
        if (peek().type == T.STRING) {
            bytes = next().text;
        }
        return new Expectation(pos, false, value, errno, events, bytes);
    }

    private Expectation.Events events(Set<String> names) throws ScenarioSyntaxException {
        Tok open = next();
        boolean ordered = open.is("[");
        String close = ordered ? "]" : "}";
        List<Expectation.Event> list = new ArrayList<>();
        if (peek().is(close)) {
            next();
            return new Expectation.Events(ordered, List.of());
        }
        while (true) {
            Tok nm = next();
            // a raw number stands for an fd no name is bound to (select's bits beyond max_fds)
            String key;
            if (nm.type == T.INT && nm.value >= 0) {
                key = "fd" + nm.value;
            } else if (nm.type == T.IDENT) {
                if (!names.contains(nm.text)) throw err(nm.col, "unbound name '" + nm.text + "' in the expected events");
                key = nm.text;
            } else {
                throw err(nm.col, "expected 'name: EVENTS' in the expected events, found " + describe(nm));
            }
            Tok colon = next();
            if (!colon.is(":")) throw err(colon.col, "expected ':' after '" + key + "' in the expected events");
            long mask = Expr.valueOf(number("events such as EPOLLIN"));
            Long data = null;
            if (peek().type == T.IDENT && peek().text.equals("data")) {
                next();
                Tok eq = next();
                if (!eq.is("=")) throw err(eq.col, "expected '=' after data");
                Tok v = next();
                if (v.type != T.INT) throw err(v.col, "expected an integer after data=");
                data = v.value;
            }
            list.add(new Expectation.Event(pos(nm.col), key, mask, data));
            Tok sep = next();
            if (sep.is(close)) break;
            if (!sep.is(",")) throw err(sep.col, "expected ',' or '" + close + "' in the expected events");
        }
        return new Expectation.Events(ordered, List.copyOf(list));
    }

    // ---- tokens ----

    private Tok peek() {
        return toks.get(i);
    }

    private Tok peekAt(int k) {
        return toks.get(Math.min(i + k, toks.size() - 1));
    }

    private Tok next() {
        Tok t = toks.get(i);
        if (t.type != T.EOL) i++;
        return t;
    }

    private Tok expectIdent(String what) throws ScenarioSyntaxException {
        Tok t = next();
        if (t.type != T.IDENT) throw err(t.col, "expected " + what + ", found " + describe(t));
        return t;
    }

    private Tok expectString(String what) throws ScenarioSyntaxException {
        Tok t = next();
        if (t.type != T.STRING) throw err(t.col, "expected " + what + ", found " + describe(t));
        return t;
    }

    private void expectEol() throws ScenarioSyntaxException {
        Tok t = peek();
        if (t.type != T.EOL) throw err(t.col, "expected the end of the statement, found " + describe(t));
    }

    private static String describe(Tok t) {
        return switch (t.type) {
            case EOL -> "the end of the line";
            case STRING -> "a string";
            default -> "'" + t.text + "'";
        };
    }

    private SourcePos pos(int col) {
        return new SourcePos(file, lineNo, col);
    }

    private ScenarioSyntaxException err(int col, String problem) {
        return new ScenarioSyntaxException(pos(col), problem);
    }

    private static int commentStart(String s) {
        boolean inString = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (inString) {
                if (c == '\\') k++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '#') {
                return k;
            }
        }
        return -1;
    }

    private List<Tok> lex(String s) throws ScenarioSyntaxException {
        List<Tok> out = new ArrayList<>();
        int k = 0;
        int n = s.length();
        while (k < n) {
            char c = s.charAt(k);
            int col = k + 1;
            if (c == ' ' || c == '\t') {
                k++;
            } else if (c == '#') {
                break;
            } else if (c == '"') {
                // the literal becomes bytes: text as UTF-8, \xNN as the byte NN; kept one char per byte
                java.io.ByteArrayOutputStream sb = new java.io.ByteArrayOutputStream();
                k++;
                boolean closed = false;
                while (k < n) {
                    char d = s.charAt(k);
                    if (d == '"') {
                        closed = true;
                        k++;
                        break;
                    }
                    if (d == '\\') {
                        if (k + 1 >= n) break;
                        char e = s.charAt(k + 1);
                        switch (e) {
                            case 'n' -> sb.write('\n');
                            case 't' -> sb.write('\t');
                            case '\\' -> sb.write('\\');
                            case '"' -> sb.write('"');
                            case 'x' -> {
                                int hi = k + 2 < n ? Character.digit(s.charAt(k + 2), 16) : -1;
                                int lo = k + 3 < n ? Character.digit(s.charAt(k + 3), 16) : -1;
                                if (hi < 0 || lo < 0) throw err(k + 1, "expected two hex digits after \\x");
                                sb.write(hi * 16 + lo);
                                k += 2;
                            }
                            default -> throw err(k + 1, "unknown escape '\\" + e + "' (use \\n \\t \\\\ \\\" \\xNN)");
                        }
                        k += 2;
                    } else {
                        int end = k + Character.charCount(s.codePointAt(k));
                        byte[] utf8 = s.substring(k, end).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        sb.write(utf8, 0, utf8.length);
                        k = end;
                    }
                }
                if (!closed) throw err(col, "unterminated string: expected '\"' before the end of the line");
                out.add(new Tok(T.STRING, sb.toString(java.nio.charset.StandardCharsets.ISO_8859_1), 0, col));
            } else if (c == '-' || Character.isDigit(c)) {
                int start = k;
                if (c == '-') {
                    k++;
                    if (k >= n || !Character.isDigit(s.charAt(k))) throw err(col, "expected a digit after '-'");
                }
                if (k + 1 < n && s.charAt(k) == '0' && (s.charAt(k + 1) == 'x' || s.charAt(k + 1) == 'X')) {
                    k += 2;
                    int hs = k;
                    while (k < n && Character.digit(s.charAt(k), 16) >= 0) k++;
                    if (k == hs) throw err(col, "expected hex digits after 0x");
                } else {
                    while (k < n && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '.')) k++;
                }
                String text = s.substring(start, k);
                if (k < n && (Character.isLetter(s.charAt(k)) || s.charAt(k) == '_')) {
                    throw err(k + 1, "expected a number, found '" + text + s.charAt(k) + "'");
                }
                long v;
                if (text.contains(".")) {
                    out.add(new Tok(T.INT, text, 0, col)); // a version, for @needs
                    continue;
                }
                try {
                    boolean neg = text.startsWith("-");
                    String body = neg ? text.substring(1) : text;
                    v = body.startsWith("0x") || body.startsWith("0X")
                        ? Long.parseUnsignedLong(body.substring(2), 16) : Long.parseLong(body);
                    if (neg) v = -v;
                } catch (NumberFormatException e) {
                    throw err(col, "the number '" + text + "' does not fit in 64 bits");
                }
                out.add(new Tok(T.INT, text, v, col));
            } else if (Character.isLetter(c) || c == '_') {
                int start = k;
                while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) k++;
                String w = s.substring(start, k);
                if (w.equals(w.toUpperCase(java.util.Locale.ROOT)) && Character.isUpperCase(w.charAt(0))) {
                    out.add(new Tok(T.CONST, w, 0, col));
                } else if (isName(w)) {
                    out.add(new Tok(T.IDENT, w, 0, col));
                } else {
                    throw err(col, "'" + w + "' is neither a name (lower case) nor a constant (upper case)");
                }
            } else if (c == '=' && k + 1 < n && s.charAt(k + 1) == '>') {
                out.add(new Tok(T.PUNCT, "=>", 0, col));
                k += 2;
            } else if (c == '>' && k + 1 < n && s.charAt(k + 1) == '=') {
                out.add(new Tok(T.PUNCT, ">=", 0, col));
                k += 2;
            } else if ("()[]{},:|=".indexOf(c) >= 0) {
                out.add(new Tok(T.PUNCT, String.valueOf(c), 0, col));
                k++;
            } else if (c == '@') {
                out.add(new Tok(T.AT, "@", 0, col));
                k++;
            } else {
                throw err(col, "unexpected character '" + c + "'");
            }
        }
        out.add(new Tok(T.EOL, "", 0, n + 1));
        return out;
    }
}
