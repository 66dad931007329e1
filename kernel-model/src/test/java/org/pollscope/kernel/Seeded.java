package org.pollscope.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Runs a property over seeded random inputs, for plain JUnit 5 tests.
 *
 * <p>Try {@code i} draws its input from {@code new Random(seedOfTry(i))}, a seed derived from the
 * base seed, so a whole run is fixed by the base seed and the number of tries. The base seed is
 * the system property {@value #SEED_PROPERTY} when set, else {@link #DEFAULT_SEED}; the number of
 * tries is {@value #TRIES_PROPERTY} when set, else the property's own default. A failure names the
 * base seed, the try and that try's seed; running again with {@code -Dpollscope.seed=<base seed>}
 * replays the same inputs in the same order.
 *
 * <p>A failing input is shrunk before it is reported: candidates from a shrinker (for lists,
 * {@link #smallerLists}: each half, then the list without one element) are tried in order, the
 * first one on which the property still fails becomes the input, until no candidate fails. The
 * assertion message gives the smallest failing input; its failure is the cause.
 */
public final class Seeded {

    public static final String SEED_PROPERTY = "pollscope.seed";
    public static final String TRIES_PROPERTY = "pollscope.tries";
    static final long DEFAULT_SEED = 20_260_101L;

    /** Property evaluations spent on shrinking one failure at most. */
    static final int MAX_SHRINK_ATTEMPTS = 20_000;

    /** A property of one input: returns normally when it holds, throws when it does not. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    private final long baseSeed;
    private final int tries;
    private final PrintStream log;

    public Seeded(long baseSeed, int tries) {
        this(baseSeed, tries, System.err);
    }

    /** Prints the seed and the try of a failure on {@code log}. */
    public Seeded(long baseSeed, int tries, PrintStream log) {
        if (tries < 1)
            throw new IllegalArgumentException("tries must be at least 1, not " + tries);
        this.baseSeed = baseSeed;
        this.tries = tries;
        this.log = log;
    }

    /** The base seed and number of tries from the system properties, else the defaults. */
    public static Seeded tries(int defaultTries) {
        String seed = System.getProperty(SEED_PROPERTY);
        String tries = System.getProperty(TRIES_PROPERTY);
        return new Seeded(seed == null || seed.isBlank() ? DEFAULT_SEED : Long.parseLong(seed.strip()),
            tries == null || tries.isBlank() ? defaultTries : Integer.parseInt(tries.strip()));
    }

    public long baseSeed() {
        return baseSeed;
    }

    public int tries() {
        return tries;
    }

    /** The seed of try {@code i} (from 0): the base seed and the try mixed as in SplitMix64. */
    long seedOfTry(int i) {
        long z = baseSeed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs the property once per try with that try's seed as its input, for properties that
     * draw a long random run from one seed. A seed has no smaller form, so nothing is shrunk.
     */
    void forEachSeed(Check<Long> property) {
        run(seed -> seed, seed -> List.of(), property);
    }

    /** Runs the property on one generated list per try; a failing list is shrunk to no fewer than minSize elements. */
    <T> void forAllLists(Function<Random, List<T>> generator, int minSize, Check<List<T>> property) {
        forAll(generator, list -> smallerLists(list, minSize), property);
    }

    /** Runs the property on one generated input per try; a failing input is shrunk with {@code smaller}. */
    public <T> void forAll(Function<Random, T> generator, Function<T, List<T>> smaller, Check<T> property) {
        run(seed -> generator.apply(new Random(seed)), smaller, property);
    }

    private <T> void run(LongFunction<T> generator, Function<T, List<T>> smaller, Check<T> property) {
        for (int i = 0; i < tries; i++) {
            long seed = seedOfTry(i);
            T input = generator.apply(seed);
            Throwable failure = failureOf(property, input);
            if (failure != null)
                throw report(i, seed, input, failure, smaller, property);
        }
    }

    private <T> AssertionError report(int i, long seed, T input, Throwable failure, Function<T, List<T>> smaller,
            Check<T> property) {
        T smallest = input;
        Throwable smallestFailure = failure;
        int steps = 0;
        int attempts = 0;
        shrinking:
        while (attempts < MAX_SHRINK_ATTEMPTS) {
            for (T candidate : smaller.apply(smallest)) {
                if (attempts++ >= MAX_SHRINK_ATTEMPTS)
                    break shrinking;
                Throwable f = failureOf(property, candidate);
                if (f != null) {
                    smallest = candidate;
                    smallestFailure = f;
                    steps++;
                    continue shrinking;
                }
            }
            break;
        }
        String replay = "property failed on try " + (i + 1) + " of " + tries + " (seed of the try " + seed
            + ", base seed " + baseSeed + "; replay with -D" + SEED_PROPERTY + "=" + baseSeed + ")";
        log.println(replay);
        String message = replay
            + "\nsmallest failing input" + sizeOf(smallest) + " after " + steps + " shrink steps"
            + (attempts >= MAX_SHRINK_ATTEMPTS ? " (stopped after " + MAX_SHRINK_ATTEMPTS + " attempts)" : "")
            + ": " + smallest
            + (steps > 0 ? "\noriginal failing input" + sizeOf(input) + ": " + input : "")
            + "\nfailure on the smallest input: " + smallestFailure;
        return new AssertionError(message, smallestFailure);
    }

    private static String sizeOf(Object input) {
        return input instanceof Collection<?> c ? " (" + c.size() + (c.size() == 1 ? " element)" : " elements)") : "";
    }

    /** The failure of the property on the input, or null when it holds. */
    private static <T> Throwable failureOf(Check<T> property, T input) {
        try {
            property.check(input);
            return null;
        } catch (AssertionError | Exception e) {
            return e;
        }
    }

    /**
     * The shrink candidates of a list, as {@code DifferentialFuzzer.shrink} removes lines: its
     * first half and its second half, then the list without one element (from the last), none
     * shorter than minSize.
     */
    static <T> List<List<T>> smallerLists(List<T> list, int minSize) {
        List<List<T>> smaller = new ArrayList<>();
        int n = list.size();
        int half = n / 2;
        if (n >= 2 && half >= minSize) {
            smaller.add(new ArrayList<>(list.subList(0, half)));
            smaller.add(new ArrayList<>(list.subList(half, n)));
        }
        if (n - 1 >= minSize) {
            for (int i = n - 1; i >= 0; i--) {
                List<T> fewer = new ArrayList<>(list);
                fewer.remove(i);
                smaller.add(fewer);
            }
        }
        return smaller;
    }
}
