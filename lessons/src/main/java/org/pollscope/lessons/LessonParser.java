package org.pollscope.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pollscope.kernel.program.Programs;

/**
 * Reads a lesson file (docs/authoring-lessons.md): front matter, introduction, steps with at
 * most one action, one checkpoint and one notes block each. Everything the text alone shows is
 * checked here, the scenario blocks included (they are parsed as the lesson's one world); what
 * needs the model (a belief that changes nothing) is checked by {@link LessonEngine#validate}.
 * Every problem is one {@link LessonSyntaxException}: {@code FILE:LINE: problem}.
 */
public final class LessonParser {

    /** The levels a lesson may have. */
    public static final List<String> LEVELS = List.of("beginner", "intermediate", "advanced");
    /** The front matter keys; the last two are lists. */
    public static final List<String> KEYS = List.of("id", "title", "level", "minutes", "objectives", "sources");
    /** The most clients a lesson's program may have: a drawing of more says nothing more. */
    public static final int MAX_CLIENTS = 200;

    /** The most steps a lesson's program block runs to (a program's run has no step cap, a lesson keeps to this). */
    static final int MAX_RUN = 100_000;

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LANG = Pattern.compile("[a-z]{2}");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_-]+):(.*)");
    private static final Pattern ITEM = Pattern.compile("\\s+-\\s+(.*)");
    private static final Pattern FENCE = Pattern.compile(" {0,3}(`{3,}|~{3,})\\s*([^`\\s]*).*");
    /** {@code man 2 epoll_ctl}; another system's page names the system: {@code man 2 kqueue (FreeBSD)}, {@code man 3C port_create (illumos)} */
    private static final Pattern MAN_PAGE = Pattern.compile("man [1-9][A-Za-z]* [A-Za-z0-9_.:-]+( \\([^()]+\\))?");
    /** documentation that is no man page, with its publisher: {@code doc I/O Completion Ports (Microsoft Learn)} */
    private static final Pattern DOCUMENT = Pattern.compile("doc [^()]+ \\([^()]+\\)");
    private static final Pattern KERNEL_SOURCE = Pattern.compile("[A-Za-z0-9_./-]+\\.[chS]( [A-Za-z0-9_]+)*");
    private static final List<String> BLOCKS = List.of("scn", "program", "check", "notes");
    private static final List<String> CHECK_KEYS = List.of("predict", "choose", "ask", "measure", "wrong", "explain");
    private static final List<String> PROGRAM_KEYS = List.of("name", "clients", "active", "seed", "run");

    private final String file;

    private LessonParser(String file) {
        this.file = file;
    }

    /**
     * Reads lesson text. {@code file} names it in messages and gives its id (the name without
     * {@code .md}) and language (the folder it is in, when that is a two-letter code; else "en").
     */
    public static Lesson parse(String file, String text) throws LessonSyntaxException {
        return new LessonParser(file).run(org.pollscope.kernel.text.Utf8.withoutBom(text));
    }

    /** The id a lesson file must have: its name without folders and without {@code .md}. */
    public static String idOf(String file) {
        String name = file.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
    }

    /** The language of a lesson file: the folder it is in when that is a two-letter code, else "en". */
    public static String langOf(String file) {
        String[] parts = file.replace('\\', '/').split("/");
        return parts.length >= 2 && LANG.matcher(parts[parts.length - 2]).matches() ? parts[parts.length - 2] : "en";
    }

    private LessonSyntaxException err(int line, String problem) {
        return new LessonSyntaxException(file, line, problem);
    }

    // ---- the file ----

    private Lesson run(String text) {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String[] lines = text.split("\r?\n", -1);
        if (!file.endsWith(".md")) throw err(1, "a lesson file's name ends in .md (ID.md)");
        if (!lines[0].strip().equals("---")) {
            throw err(1, "a lesson starts with its front matter: a line '---', then 'key: value' lines, then '---'");
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) throw err(1, "the front matter is not closed: expected a line '---' after its 'key: value' lines");
        Map<String, Entry> fm = frontMatter(lines, end);
        List<StepDraft> drafts = new ArrayList<>();
        StringBuilder intro = new StringBuilder();
        StepDraft step = null;
        for (int i = end + 1; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FENCE.matcher(line);
            if (f.matches()) {
                String fence = f.group(1);
                String info = f.group(2).toLowerCase(java.util.Locale.ROOT);
                int close = i + 1;
                while (close < lines.length && !closes(fence, lines[close])) close++;
                if (close == lines.length) {
                    throw err(i + 1, "the " + fence + (info.isEmpty() ? "" : info) + " block is not closed: expected a line "
                        + fence + " after it");
                }
                List<String> content = List.of(lines).subList(i + 1, close);
                if (BLOCKS.contains(info)) {
                    if (step == null) {
                        throw err(i + 1, "a " + info + " block belongs in a step: put a '## ' heading before it");
                    }
                    step.block(info, i + 1, content);
                } else {
                    StringBuilder into = step == null ? intro : step.narrative;
                    for (int k = i; k <= close; k++) into.append(lines[k]).append('\n');
                }
                i = close;
                continue;
            }
            if (line.startsWith("## ") || line.strip().equals("##")) {
                String title = line.strip().substring(2).strip();
                if (title.isEmpty()) throw err(i + 1, "a step's heading needs a title ('## Two bytes arrive')");
                if (step != null) drafts.add(step);
                step = new StepDraft(i + 1, title);
                continue;
            }
            (step == null ? intro : step.narrative).append(line).append('\n');
        }
        if (step != null) drafts.add(step);
        if (drafts.isEmpty()) throw err(lines.length, "a lesson has at least one step: a '## ' heading and what follows");
        List<LessonStep> steps = new ArrayList<>();
        for (StepDraft d : drafts) steps.add(d.finish());
        int checks = (int) steps.stream().filter(s -> s.check() != null).count();
        int need = (steps.size() + 2) / 3;
        if (checks < need) {
            throw err(drafts.get(0).line, steps.size() + " steps need at least " + need + " checkpoint" + (need == 1 ? "" : "s")
                + " (one per three steps), found " + checks);
        }
        String id = fm.get("id").value;
        Lesson lesson = new Lesson(file, id, langOf(file), fm.get("title").value, fm.get("level").value,
            Integer.parseInt(fm.get("minutes").value), fm.get("objectives").items, fm.get("sources").items,
            trimBlank(intro.toString()), steps);
        LessonWorld.build(lesson);   // the scn blocks and predict statements parse as one scenario
        return lesson;
    }

    private static boolean closes(String fence, String line) {
        String s = line.strip();
        if (s.length() < fence.length() || line.length() - line.stripLeading().length() > 3) return false;
        char c = fence.charAt(0);
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) != c) return false;
        }
        return true;
    }

    private static String trimBlank(String s) {
        return s.replaceAll("^(\\s*\\n)+", "").stripTrailing();
    }

    // ---- front matter ----

    private static final class Entry {
        final int line;
        final String value;
        final List<String> items = new ArrayList<>();

        Entry(int line, String value) {
            this.line = line;
            this.value = value;
        }
    }

    private Map<String, Entry> frontMatter(String[] lines, int end) {
        Map<String, Entry> fm = new LinkedHashMap<>();
        String listKey = null;
        for (int i = 1; i < end; i++) {
            String l = lines[i];
            int no = i + 1;
            if (l.isBlank()) continue;
            Matcher item = ITEM.matcher(l);
            if (item.matches()) {
                if (listKey == null) throw err(no, "a list item ('  - ...') belongs under objectives: or sources:");
                String v = unquote(item.group(1).strip());
                if (v.isEmpty()) throw err(no, "an empty list item: write what it is after '- '");
                fm.get(listKey).items.add(v);
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(l);
            if (!kv.matches() || Character.isWhitespace(l.charAt(0))) {
                throw err(no, "expected 'key: value' or a list item '  - item' in the front matter, found '" + l.strip() + "'");
            }
            String key = kv.group(1);
            String value = unquote(kv.group(2).strip());
            if (!KEYS.contains(key)) {
                throw err(no, "unknown front matter key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
            if (fm.containsKey(key)) throw err(no, "'" + key + "' is given twice (first at line " + fm.get(key).line + ")");
            boolean list = key.equals("objectives") || key.equals("sources");
            if (list && !value.isEmpty()) {
                throw err(no, key + " is a list: put each item on a line of its own, as '  - item'");
            }
            if (!list && value.isEmpty()) throw err(no, "'" + key + ":' needs a value");
            fm.put(key, new Entry(no, value));
            listKey = list ? key : null;
        }
        for (String k : KEYS) {
            if (!fm.containsKey(k)) {
                throw err(end + 1, "the front matter has no '" + k + "' (required: " + String.join(", ", KEYS) + ")");
            }
        }
        Entry id = fm.get("id");
        if (!ID.matcher(id.value).matches()) throw err(id.line, "id '" + id.value + "' must be lower case letters, digits and '-'");
        if (!id.value.equals(idOf(file))) {
            throw err(id.line, "id '" + id.value + "' is not the file's name: the file must be " + id.value + ".md, or the id "
                + idOf(file));
        }
        Entry level = fm.get("level");
        if (!LEVELS.contains(level.value)) {
            throw err(level.line, "level '" + level.value + "' is not one of " + String.join(", ", LEVELS));
        }
        Entry minutes = fm.get("minutes");
        int m;
        try {
            m = Integer.parseInt(minutes.value);
        } catch (NumberFormatException e) {
            m = -1;
        }
        if (m < 5 || m > 60) throw err(minutes.line, "minutes must be a whole number from 5 to 60, found '" + minutes.value + "'");
        for (String k : List.of("objectives", "sources")) {
            Entry e = fm.get(k);
            if (e.items.isEmpty()) throw err(e.line, k + " needs at least one item ('  - ...' on the next line)");
        }
        Entry sources = fm.get("sources");
        for (int k = 0; k < sources.items.size(); k++) {
            String s = sources.items.get(k);
            if (!MAN_PAGE.matcher(s).matches() && !KERNEL_SOURCE.matcher(s).matches() && !DOCUMENT.matcher(s).matches()) {
                throw err(lineOfItem(lines, sources.line, k), "source '" + s + "' is neither a kernel file and its functions"
                    + " ('fs/eventpoll.c ep_poll_callback'), a man page ('man 2 epoll_ctl', 'man 2 kqueue (FreeBSD)')"
                    + " nor a document and its publisher ('doc I/O Completion Ports (Microsoft Learn)')");
            }
        }
        return fm;
    }

    /** A front matter value may be quoted, as YAML allows ({@code title: "C10K: idle connections"}); the quotes are not part of it. */
    static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static int lineOfItem(String[] lines, int keyLine, int k) {
        int seen = -1;
        for (int i = keyLine; i < lines.length; i++) {
            if (ITEM.matcher(lines[i]).matches() && ++seen == k) return i + 1;
        }
        return keyLine;
    }

    // ---- steps ----

    private final class StepDraft {
        final int line;
        final String title;
        final StringBuilder narrative = new StringBuilder();
        String notes;
        int notesLine;
        Action action;
        int actionLine;
        CheckDraft check;

        StepDraft(int line, String title) {
            this.line = line;
            this.title = title;
        }

        void block(String kind, int fenceLine, List<String> content) {
            switch (kind) {
                case "scn", "program" -> {
                    if (action != null) {
                        throw err(fenceLine, "a step holds at most one action (a scn or program block); this step has one at line "
                            + actionLine);
                    }
                    actionLine = fenceLine;
                    action = kind.equals("scn") ? scn(fenceLine, content) : program(fenceLine, content);
                }
                case "check" -> {
                    if (check != null) {
                        throw err(fenceLine, "a step holds at most one checkpoint; this step has one at line " + check.fenceLine);
                    }
                    check = checkDraft(fenceLine, content);
                }
                default -> {
                    if (notes != null) throw err(fenceLine, "a step holds at most one notes block; this step has one at line " + notesLine);
                    notesLine = fenceLine;
                    notes = trimBlank(String.join("\n", content));
                }
            }
        }

        LessonStep finish() {
            Checkpoint c = check == null ? null : check.finish(action);
            return new LessonStep(line, title, trimBlank(narrative.toString()), notes, action, c);
        }
    }

    private Action.Scn scn(int fenceLine, List<String> content) {
        if (content.stream().allMatch(String::isBlank)) throw err(fenceLine, "an empty scn block: write statements in it, or leave it out");
        int depth = 0;
        for (String l : content) {
            String s = l.replaceAll("#.*", "").strip();
            if (s.endsWith("{")) depth++;
            if (s.equals("}")) depth--;
        }
        if (depth != 0) {
            throw err(fenceLine, "a thread or fork block must close ('}') in the scn block that opens it");
        }
        return new Action.Scn(fenceLine + 1, String.join("\n", content));
    }

    private Action.Program program(int fenceLine, List<String> content) {
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int j = 0; j < content.size(); j++) {
            String l = content.get(j);
            int no = fenceLine + 1 + j;
            if (l.isBlank() || l.strip().startsWith("#")) continue;
            Matcher kv = KEY_VALUE.matcher(l.strip());
            if (!kv.matches()) throw err(no, "expected 'key: value' in a program block (keys: " + String.join(", ", PROGRAM_KEYS) + ")");
            String key = kv.group(1);
            if (!PROGRAM_KEYS.contains(key)) {
                throw err(no, "unknown program key '" + key + "' (known: " + String.join(", ", PROGRAM_KEYS) + ")");
            }
            if (values.containsKey(key)) throw err(no, "'" + key + "' is given twice (first at line " + lineOf.get(key) + ")");
            values.put(key, kv.group(2).strip());
            lineOf.put(key, no);
        }
        if (!values.containsKey("name")) {
            throw err(fenceLine, "a program block needs 'name:' (one of " + String.join(", ", Programs.names()) + ")");
        }
        String name = values.get("name");
        if (Programs.byName(name) == null) {
            throw err(lineOf.get("name"), "unknown program '" + name + "' (known: " + String.join(", ", Programs.names()) + ")");
        }
        if (!values.containsKey("run")) throw err(fenceLine, "a program block needs 'run:', the step to run the program to");
        long clients = number(values, lineOf, "clients", 4, 1, MAX_CLIENTS);
        long active = number(values, lineOf, "active", 2, 0, clients);
        long seed = number(values, lineOf, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        long run = number(values, lineOf, "run", 0, 1, MAX_RUN);
        return new Action.Program(fenceLine + 1, name, (int) clients, (int) active, seed, (int) run);
    }

    private long number(Map<String, String> values, Map<String, Integer> lineOf, String key, long dflt, long min, long max) {
        String v = values.get(key);
        if (v == null) return dflt;
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw err(lineOf.get(key), key + " must be a whole number, found '" + v + "'");
        }
        if (n < min || n > max) throw err(lineOf.get(key), key + " must be " + min + " to " + max + ", found " + n);
        return n;
    }

    // ---- checkpoints ----

    private record Field(int line, String value) {}

    private record WrongDraft(int line, String label, Change change, int changeLine) {}

    private final class CheckDraft {
        final int fenceLine;
        final Map<String, Field> fields = new LinkedHashMap<>();
        final List<WrongDraft> wrong = new ArrayList<>();

        CheckDraft(int fenceLine) {
            this.fenceLine = fenceLine;
        }

        Checkpoint finish(Action action) {
            Field predict = fields.get("predict");
            Field choose = fields.get("choose");
            if (predict == null && choose == null) {
                throw err(fenceLine, "a check block needs 'predict:' (a statement) or 'choose:' (a question about a number)");
            }
            if (predict != null && choose != null) {
                throw err(choose.line, "a check block holds 'predict:' or 'choose:', not both (predict: is at line " + predict.line + ")");
            }
            Field explain = fields.get("explain");
            if (explain == null) throw err(fenceLine, "a check block needs 'explain:': why, in kernel terms, citing the function");
            if (wrong.isEmpty()) throw err(fenceLine, "a check block needs at least one 'wrong: LABEL | CHANGE' line");
            Field ask = fields.get("ask");
            Field measure = fields.get("measure");
            boolean programStep = action instanceof Action.Program;
            Measure m = null;
            if (predict != null) {
                if (predict.value.contains("=>")) {
                    throw err(predict.line, "predict: takes a statement without '=>': the model computes the answer");
                }
                if (measure != null) throw err(measure.line, "measure: goes with choose:, not with predict:");
                if (programStep) {
                    throw err(predict.line, "predict: asks about the lesson's scenario world, but this step's action is a program"
                        + " (ask with choose: and a program measure)");
                }
            } else {
                if (measure == null) throw err(fenceLine, "choose: needs 'measure:', the number it asks for");
                m = measureAt(measure.line, measure.value);
                if (ask != null) throw err(ask.line, "choose: is the question itself; ask: goes with predict:");
                if (m.ofProgram() && !programStep) {
                    throw err(measure.line, "measure '" + m.text() + "' is of a program run, but this step has no program block");
                }
                if (!m.ofProgram() && programStep) {
                    throw err(measure.line, "after a program block the measures are those of the run: " + String.join(", ", Measure.PROGRAM));
                }
            }
            List<Belief> beliefs = new ArrayList<>();
            for (WrongDraft w : wrong) {
                checkChange(w, predict != null, programStep, m);
                beliefs.add(new Belief(w.line, w.label, w.change));
            }
            String explainText = explain.value;
            return predict != null
                ? new Checkpoint(predict.line, Checkpoint.Kind.PREDICT, predict.value, null,
                    ask != null ? ask.value : Checkpoint.DEFAULT_ASK, beliefs, explainText)
                : new Checkpoint(choose.line, Checkpoint.Kind.CHOOSE, null, m.text(), choose.value, beliefs, explainText);
        }
    }

    private Measure measureAt(int line, String text) {
        try {
            return Measure.parse(text);
        } catch (IllegalArgumentException e) {
            throw err(line, e.getMessage());
        }
    }

    private void checkChange(WrongDraft w, boolean predict, boolean programStep, Measure m) {
        Change c = w.change;
        if (programStep) {
            if (c instanceof Change.Replace || c instanceof Change.Drop) {
                throw err(w.line, "'" + c.text().split(" ")[0] + "' changes the scenario world; a program's beliefs change"
                    + " 'program NAME', 'clients N', 'active N', 'seed N' or 'measure M'");
            }
        } else if (c instanceof Change.Program || c instanceof Change.Workload) {
            throw err(w.line, "'" + c.text().split(" ")[0] + "' changes a program run, but this step has no program block"
                + " (the scenario world's beliefs: replace \"A\" with \"B\", drop \"A\", measure M)");
        }
        if (c instanceof Change.Measure cm) {
            if (predict) throw err(w.line, "'measure M' goes with choose:; a predict belief changes the world (replace, drop)");
            Measure other = measureAt(w.line, cm.measure());
            if (other.ofProgram() != m.ofProgram()) {
                throw err(w.line, "measure '" + other.text() + "' is " + (other.ofProgram() ? "of a program run" : "of the scenario world")
                    + ", the checkpoint's is not");
            }
        }
        if (c instanceof Change.Program p && Programs.byName(p.name()) == null) {
            throw err(w.line, "unknown program '" + p.name() + "' (known: " + String.join(", ", Programs.names()) + ")");
        }
        if (c instanceof Change.Workload wl) {
            long max = wl.key().equals("seed") ? Long.MAX_VALUE : MAX_CLIENTS;
            long min = wl.key().equals("seed") ? Long.MIN_VALUE : wl.key().equals("clients") ? 1 : 0;
            if (wl.value() < min || wl.value() > max) {
                throw err(w.line, wl.key() + " must be " + min + " to " + max + ", found " + wl.value());
            }
        }
    }

    private CheckDraft checkDraft(int fenceLine, List<String> content) {
        CheckDraft d = new CheckDraft(fenceLine);
        // logical lines: a line starting with two spaces continues the one above
        List<Field> logical = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            String l = content.get(j);
            int no = fenceLine + 1 + j;
            if (l.isBlank()) continue;
            if (l.startsWith("  ")) {
                if (logical.isEmpty()) throw err(no, "a continuation line (two spaces first) needs a 'key:' line above it");
                Field last = logical.remove(logical.size() - 1);
                logical.add(new Field(last.line, joinLines(last.value, l.strip())));
                continue;
            }
            logical.add(new Field(no, l));
        }
        for (Field f : logical) {
            Matcher kv = KEY_VALUE.matcher(f.value);
            if (!kv.matches()) {
                throw err(f.line, "expected 'key: value' in a check block (keys: " + String.join(", ", CHECK_KEYS) + ")");
            }
            String key = kv.group(1);
            String value = kv.group(2).strip();
            if (!CHECK_KEYS.contains(key)) {
                throw err(f.line, "unknown check key '" + key + "' (known: " + String.join(", ", CHECK_KEYS) + ")");
            }
            if (value.isEmpty()) throw err(f.line, "'" + key + ":' needs a value");
            if (key.equals("wrong")) {
                d.wrong.add(wrong(f.line, value));
                continue;
            }
            if (d.fields.containsKey(key)) throw err(f.line, "'" + key + ":' is given twice (first at line " + d.fields.get(key).line + ")");
            d.fields.put(key, new Field(f.line, value));
        }
        return d;
    }

    /** Continued text: a space between words, none next to a Chinese character (where no space would stand). */
    static String joinLines(String a, String b) {
        boolean wide = !a.isEmpty() && wide(a.charAt(a.length() - 1)) || !b.isEmpty() && wide(b.charAt(0));
        return a + (wide ? "" : " ") + b;
    }

    private static boolean wide(char c) {
        return (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
            || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x3000 && c <= 0x303F);
    }

    private static final Pattern CHANGE_START = Pattern.compile("(replace|drop|measure|program|clients|active|seed)\\b.*");

    /** {@code LABEL | CHANGE}: the change starts after the first '|' that a change follows (labels may hold '|'). */
    private WrongDraft wrong(int line, String value) {
        String problem = null;
        for (int bar = value.indexOf('|'); bar >= 0; bar = value.indexOf('|', bar + 1)) {
            String rest = value.substring(bar + 1).strip();
            if (!CHANGE_START.matcher(rest).matches()) continue;
            try {
                Change c = change(rest);
                String label = value.substring(0, bar).strip();
                if (label.isEmpty()) throw err(line, "a wrong belief needs a label before '|': what the student believes");
                return new WrongDraft(line, label, c, line);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        throw err(line, problem != null ? problem
            : "expected 'wrong: LABEL | CHANGE', CHANGE one of: replace \"A\" with \"B\", drop \"A\", measure M,"
                + " program NAME, clients N, active N, seed N");
    }

    /** Parses a change; the exception's message says what would be accepted. */
    static Change change(String text) {
        String word = text.split("\\s+", 2)[0];
        String rest = text.substring(word.length()).strip();
        switch (word) {
            case "replace" -> {
                int[] at = {0};
                String from = string(rest, at, "replace \"A\" with \"B\"");
                String after = rest.substring(at[0]).strip();
                if (!after.startsWith("with")) throw new IllegalArgumentException("expected 'with \"B\"' after replace \"A\"");
                after = after.substring(4).strip();
                int[] at2 = {0};
                String to = string(after, at2, "replace \"A\" with \"B\"");
                if (!after.substring(at2[0]).isBlank()) {
                    throw new IllegalArgumentException("unexpected text after replace \"A\" with \"B\": '" + after.substring(at2[0]).strip() + "'");
                }
                if (from.isEmpty()) throw new IllegalArgumentException("replace needs a text to replace: replace \"A\" with \"B\", A not empty");
                if (from.equals(to)) throw new IllegalArgumentException("replace \"A\" with the same text changes nothing");
                return new Change.Replace(from, to);
            }
            case "drop" -> {
                int[] at = {0};
                String what = string(rest, at, "drop \"A\"");
                if (!rest.substring(at[0]).isBlank()) throw new IllegalArgumentException("unexpected text after drop \"A\"");
                if (what.isEmpty()) throw new IllegalArgumentException("drop needs a text: drop \"A\", A not empty");
                return new Change.Drop(what);
            }
            case "measure" -> {
                Measure.parse(rest);
                return new Change.Measure(rest.replaceAll("\\s+", " "));
            }
            case "program" -> {
                if (!rest.matches("[a-z0-9-]+")) throw new IllegalArgumentException("expected 'program NAME' (one of " + String.join(", ", Programs.names()) + ")");
                return new Change.Program(rest);
            }
            default -> {
                try {
                    return new Change.Workload(word, Long.parseLong(rest));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected '" + word + " N', a whole number, found '" + rest + "'");
                }
            }
        }
    }

    /** A quoted string at {@code text[at[0]]}, with \" \\ \n \t escapes; at[0] moves past it. */
    private static String string(String text, int[] at, String form) {
        int i = at[0];
        if (i >= text.length() || text.charAt(i) != '"') throw new IllegalArgumentException("expected a quoted text: " + form);
        StringBuilder sb = new StringBuilder();
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at[0] = i + 1;
                return sb.toString();
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    default -> throw new IllegalArgumentException("unknown escape '\\" + e + "' (known: \\\" \\\\ \\n \\t)");
                }
            } else {
                sb.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated quoted text: " + form);
    }
}
