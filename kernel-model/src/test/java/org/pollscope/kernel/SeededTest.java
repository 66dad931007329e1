package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SeededTest {

    /** Lists of up to 50 numbers in 0..20: most contain a 7, and most have other numbers beside it. */
    private static final Function<Random, List<Integer>> NUMBERS = rnd -> {
        List<Integer> list = new ArrayList<>();
        int size = rnd.nextInt(51);
        for (int i = 0; i < size; i++)
            list.add(rnd.nextInt(21));
        return list;
    };

    /** Where the runners under test print their failures, instead of the test log. */
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private Seeded seeded(long baseSeed, int tries) {
        return new Seeded(baseSeed, tries, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static AssertionError failureOf(Seeded seeded, Seeded.Check<List<Integer>> property) {
        return catchThrowableOfType(AssertionError.class, () -> seeded.forAllLists(NUMBERS, 0, property));
    }

    @Test
    void aListContainingTheValueIsShrunkToThatValueAloneAndTheMessageNamesTheSeed() {
        AssertionError e = failureOf(seeded(1234, 100), list -> assertThat(list).doesNotContain(7));

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
            .contains("base seed 1234", "-Dpollscope.seed=1234")
            .contains("smallest failing input (1 element) after")
            .contains(": [7]\n")
            .contains("original failing input (");
        assertThat(e.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("[7]");
    }

    @Test
    void theFailureNamesTheFirstFailingTryAndItsSeed() {
        Seeded seeded = seeded(6, 100);
        int first = 0;
        while (!NUMBERS.apply(new Random(seeded.seedOfTry(first))).contains(7))
            first++;

        AssertionError e = failureOf(seeded, list -> assertThat(list).doesNotContain(7));

        String replay = "property failed on try " + (first + 1) + " of 100 (seed of the try " + seeded.seedOfTry(first)
            + ", base seed 6; replay with -Dpollscope.seed=6)";
        assertThat(e.getMessage()).startsWith(replay + "\n");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(replay + System.lineSeparator());
    }

    @Test
    void theSameBaseSeedReplaysTheSameFailure() {
        Seeded.Check<List<Integer>> noSeven = list -> assertThat(list).doesNotContain(7);

        String first = failureOf(seeded(5, 100), noSeven).getMessage();
        String again = failureOf(seeded(5, 100), noSeven).getMessage();
        String other = failureOf(seeded(6, 100), noSeven).getMessage();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aPairOfValuesShrinksToThePairAlone() {
        AssertionError e = failureOf(seeded(1, 200),
            list -> assertThat(list.contains(3) && list.contains(4)).as("3 and 4 together").isFalse());

        assertThat(e.getMessage()).containsAnyOf(": [3, 4]\n", ": [4, 3]\n");
    }

    @Test
    void shrinkingStopsAtTheMinimumSize() {
        AssertionError none = failureOf(seeded(1, 10), list -> {
            throw new AssertionError("always");
        });
        AssertionError one = catchThrowableOfType(AssertionError.class, () -> seeded(1, 10)
            .forAllLists(rnd -> {
                List<Integer> list = NUMBERS.apply(rnd);
                return list.isEmpty() ? List.of(1) : list;
            }, 1, list -> {
                throw new AssertionError("always");
            }));

        assertThat(none.getMessage()).contains("smallest failing input (0 elements)");
        assertThat(one.getMessage()).contains("smallest failing input (1 element)");
    }

    @Test
    void anExceptionIsAFailureToo() {
        AssertionError e = failureOf(seeded(1, 100), list -> {
            if (list.contains(3))
                throw new IllegalStateException("broken by 3");
        });

        assertThat(e.getMessage()).contains(": [3]\n");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("broken by 3");
    }

    @Test
    void aPropertyThatHoldsRunsOncePerTryEachFromItsOwnSeed() {
        Seeded seeded = seeded(42, 300);
        List<Long> seeds = new ArrayList<>();

        seeded.forEachSeed(seeds::add);

        assertThat(seeds).hasSize(300);
        assertThat(new HashSet<>(seeds)).hasSize(300);
        assertThat(seeds.get(0)).isEqualTo(seeded.seedOfTry(0));
        assertThat(seeds.get(299)).isEqualTo(seeded.seedOfTry(299));
    }

    @Test
    void aFailingSeedIsReportedAsIsWithoutShrinking() {
        Seeded seeded = seeded(7, 10);

        assertThatThrownBy(() -> seeded.forEachSeed(seed -> assertThat(seed).isNotEqualTo(seeded.seedOfTry(3))))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("try 4 of 10")
            .hasMessageContaining("smallest failing input after 0 shrink steps: " + seeded.seedOfTry(3))
            .hasMessageNotContaining("original failing input");
    }

    @Test
    void theSystemPropertiesSetTheBaseSeedAndTheTries() {
        String seed = System.getProperty(Seeded.SEED_PROPERTY);
        String tries = System.getProperty(Seeded.TRIES_PROPERTY);
        try {
            System.clearProperty(Seeded.SEED_PROPERTY);
            System.clearProperty(Seeded.TRIES_PROPERTY);
            assertThat(Seeded.tries(17).baseSeed()).isEqualTo(Seeded.DEFAULT_SEED);
            assertThat(Seeded.tries(17).tries()).isEqualTo(17);

            System.setProperty(Seeded.SEED_PROPERTY, "-8123456789");
            System.setProperty(Seeded.TRIES_PROPERTY, "3");
            assertThat(Seeded.tries(17).baseSeed()).isEqualTo(-8_123_456_789L);
            assertThat(Seeded.tries(17).tries()).isEqualTo(3);
        } finally {
            restore(Seeded.SEED_PROPERTY, seed);
            restore(Seeded.TRIES_PROPERTY, tries);
        }
    }

    private static void restore(String key, String value) {
        if (value == null)
            System.clearProperty(key);
        else
            System.setProperty(key, value);
    }
}
