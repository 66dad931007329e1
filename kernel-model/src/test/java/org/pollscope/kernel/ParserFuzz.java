package org.pollscope.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Fuzzing a parser with {@link Seeded}: inputs drawn from valid files (truncated, mutated,
 * re-encoded, given huge numbers and deep nesting) and from plain random bytes; each parsed
 * under a time bound on a thread of its own. The property: the parser returns, or throws its
 * own positioned exception, and nothing else; a failing input is shrunk (halves, then chunks
 * taken out) and printed with the seed that replays it.
 *
 * <p>Tries: {@value Seeded#TRIES_PROPERTY} (the profile {@code -Pfuzz} sets a million), else
 * the test's own default; {@value Seeded#SEED_PROPERTY} replays a run.
 */
public final class ParserFuzz {
    /** How long one input may take to parse before it counts as a hang. */
    public static final long BOUND_MS = 2_000;

    /** A parser under test: returns, or throws. */
    @FunctionalInterface
    public interface Parser {
        void parse(byte[] input) throws Exception;
    }

    /** One input, shown escaped, so that a failure prints it whole. */
    public record Input(String how, byte[] bytes) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(how).append(", ").append(bytes.length).append(" bytes: \"");
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c == '\n') sb.append("\\n");
                else if (c == '"' || c == '\\') sb.append('\\').append((char) c);
                else if (c >= 0x20 && c < 0x7f) sb.append((char) c);
                else sb.append(String.format("\\x%02X", c));
            }
            return sb.append('"').toString();
        }
    }

    private final List<byte[]> corpus;

    public ParserFuzz(List<byte[]> corpus) {
        if (corpus.isEmpty()) throw new IllegalArgumentException("a fuzz corpus needs at least one valid file");
        this.corpus = corpus;
    }

    /** Every file below {@code dir} whose name ends in {@code suffix}, as bytes. */
    public static List<byte[]> filesBelow(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) out.add(Files.readAllBytes(p));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One input drawn from {@code r}. */
    public Input next(Random r) {
        byte[] base = corpus.get(r.nextInt(corpus.size()));
        return switch (r.nextInt(10)) {
            case 0 -> new Input("random bytes", randomBytes(r, r.nextInt(200)));
            case 1 -> new Input("truncated", Arrays.copyOf(base, r.nextInt(base.length + 1)));
            case 2, 3 -> new Input("mutated", mutate(r, base));
            case 4 -> new Input("huge number", hugeNumber(r, base));
            case 5 -> new Input("deep nesting", nested(r, base));
            case 6 -> new Input("wrong encoding", reencode(r, base));
            case 7 -> new Input("lines shuffled", shuffleLines(r, base));
            case 8 -> new Input("printable noise", printable(r, r.nextInt(300)));
            default -> new Input("mutated truncation", mutate(r, Arrays.copyOf(base, r.nextInt(base.length + 1))));
        };
    }

    /** Inputs made smaller: each half, then the input without one of up to 16 chunks. */
    public static List<Input> smaller(Input in) {
        byte[] b = in.bytes();
        List<Input> out = new ArrayList<>();
        if (b.length >= 2) {
            out.add(new Input(in.how() + ", shrunk", Arrays.copyOfRange(b, 0, b.length / 2)));
            out.add(new Input(in.how() + ", shrunk", Arrays.copyOfRange(b, b.length / 2, b.length)));
        }
        int chunks = Math.min(16, b.length);
        for (int k = 0; k < chunks; k++) {
            int from = (int) ((long) b.length * k / chunks);
            int to = (int) ((long) b.length * (k + 1) / chunks);
            byte[] less = new byte[b.length - (to - from)];
            System.arraycopy(b, 0, less, 0, from);
            System.arraycopy(b, to, less, from, b.length - to);
            out.add(new Input(in.how() + ", shrunk", less));
        }
        return out;
    }

    /**
     * Runs {@code tries} inputs through the parser: each must return or throw one of
     * {@code allowed} (exactly, not a subclass such as a NumberFormatException of an
     * IllegalArgumentException) within {@link #BOUND_MS}.
     */
    @SafeVarargs
    public final void check(Seeded seeded, Parser parser, Class<? extends Throwable>... allowed) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parser-fuzz");
            t.setDaemon(true); // a hung parse must not keep the test JVM alive
            return t;
        });
        try {
            seeded.forAll(this::next, ParserFuzz::smaller, in -> {
                Future<Throwable> f = worker.submit(() -> {
                    try {
                        parser.parse(in.bytes());
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                Throwable thrown;
                try {
                    thrown = f.get(BOUND_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    throw new AssertionError("no answer within " + BOUND_MS + " ms (a hang)");
                }
                if (thrown != null && Arrays.stream(allowed).noneMatch(c -> c == thrown.getClass())) {
                    throw new AssertionError("threw " + thrown, thrown);
                }
            });
        } finally {
            worker.shutdownNow();
        }
    }

    // ---- the kinds of input ----

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] printable(Random r, int n) {
        String alphabet = "abcxyz_0123456789 ,=()[]{}:;\"'\\|@#-+*/<>!?.\n\t\r";
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
        return b;
    }

    private static byte[] mutate(Random r, byte[] base) {
        List<Byte> b = new ArrayList<>(base.length + 8);
        for (byte x : base) b.add(x);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.size());
            switch (r.nextInt(4)) {
                case 0 -> b.add(at, (byte) r.nextInt(256));
                case 1 -> {
                    if (!b.isEmpty()) b.remove(at);
                }
                case 2 -> {
                    if (!b.isEmpty()) b.set(at, (byte) r.nextInt(256));
                }
                default -> {
                    // a byte of the file's own syntax, somewhere it does not belong
                    String syntax = "(),=[]{}:\"|#@\n-";
                    b.add(at, (byte) syntax.charAt(r.nextInt(syntax.length())));
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) out[i] = b.get(i);
        return out;
    }

    private static final String[] HUGE = {"99999999999999999999999999", "-9223372036854775809", "9223372036854775808",
        "2147483648", "-2147483649", "4294967296", "1e308", "0x7fffffffffffffffff", "-0", "00000000000000000000001"};

    private static byte[] hugeNumber(Random r, byte[] base) {
        String s = new String(base, StandardCharsets.ISO_8859_1);
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                runs.add(new int[] {i, j});
                i = j;
            }
        }
        String huge = HUGE[r.nextInt(HUGE.length)];
        if (runs.isEmpty()) return (s + huge).getBytes(StandardCharsets.ISO_8859_1);
        int[] run = runs.get(r.nextInt(runs.size()));
        return (s.substring(0, run[0]) + huge + s.substring(run[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] nested(Random r, byte[] base) {
        String[][] openers = {{"thread t {\n", "}\n"}, {"[", "]"}, {"(", ")"}, {"{\"a\":", "}"}, {"> ", ""}, {"- ", ""}, {"```\n", "```\n"}};
        String[] o = openers[r.nextInt(openers.length)];
        int depth = 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
        String s = new String(base, StandardCharsets.ISO_8859_1);
        int at = s.isEmpty() ? 0 : r.nextInt(s.length());
        StringBuilder sb = new StringBuilder(s.substring(0, at));
        sb.append(o[0].repeat(depth));
        if (r.nextBoolean()) sb.append(o[1].repeat(r.nextInt(depth + 1)));
        sb.append(s.substring(at));
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] reencode(Random r, byte[] base) {
        String s = new String(base, StandardCharsets.UTF_8);
        return switch (r.nextInt(6)) {
            case 0 -> s.getBytes(StandardCharsets.UTF_16LE);
            case 1 -> s.getBytes(StandardCharsets.UTF_16); // with its byte-order mark
            case 2 -> (s + "\u00e9\u00fc").getBytes(StandardCharsets.ISO_8859_1);
            case 3 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, base); // a UTF-8 byte-order mark
            case 4 -> insert(r, base, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a lone surrogate, encoded
            default -> insert(r, base, new byte[] {(byte) 0xC0, (byte) 0x80}); // an overlong NUL
        };
    }

    private static byte[] shuffleLines(Random r, byte[] base) {
        List<String> lines = new ArrayList<>(List.of(new String(base, StandardCharsets.UTF_8).split("\n", -1)));
        java.util.Collections.shuffle(lines, r);
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] insert(Random r, byte[] base, byte[] what) {
        int at = base.length == 0 ? 0 : r.nextInt(base.length);
        return concat(concat(Arrays.copyOf(base, at), what), Arrays.copyOfRange(base, at, base.length));
    }
}
