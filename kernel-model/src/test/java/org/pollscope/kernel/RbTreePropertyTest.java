package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * RbTree against java.util.TreeMap, and checkInvariants against deliberately broken trees, over
 * seeded random inputs ({@link Seeded}: replay a failure with {@code -Dpollscope.seed=...}).
 */
class RbTreePropertyTest {

    private static final int OPS = 100_000;
    private static final int KEY_RANGE = 50_000;   // small enough that about half the erases hit

    @Test
    void randomInsertsAndErasesMatchTreeMap() {
        Seeded.tries(10).forEachSeed(RbTreePropertyTest::matchesTreeMapOverOpsFrom);
    }

    private static void matchesTreeMapOverOpsFrom(long seed) {
        Random rnd = new Random(seed);
        RbTree<Integer, Integer> tree = new RbTree<>(Comparator.naturalOrder());
        TreeMap<Integer, Integer> model = new TreeMap<>();

        for (int op = 1; op <= OPS; op++) {
            int key = rnd.nextInt(KEY_RANGE + 1);
            int dice = rnd.nextInt(10);
            if (dice < 5) {
                boolean fresh = !model.containsKey(key);
                assertThat(tree.insert(key, op)).as("insert %d at op %d", key, op).isEqualTo(fresh);
                if (fresh)
                    model.put(key, op);
            } else if (dice < 9) {
                assertThat(tree.erase(key)).as("erase %d at op %d", key, op).isEqualTo(model.remove(key));
            } else {
                assertThat(tree.get(key)).as("get %d at op %d", key, op).isEqualTo(model.get(key));
            }
            if (op % 10_000 == 0) {
                tree.checkInvariants();
                assertThat(tree.size()).isEqualTo(model.size());
            }
        }

        tree.checkInvariants();
        assertThat(tree.keysInOrder()).isEqualTo(new ArrayList<>(model.keySet()));
        assertThat(tree.size()).isEqualTo(model.size());
        int n = tree.size();
        assertThat((double) tree.height()).isLessThanOrEqualTo(2 * Math.log(n + 1) / Math.log(2));
        // 5) on every path, and 4) no two reds in a row, bound the height by twice the black height
        assertThat(tree.height()).isLessThanOrEqualTo(2 * tree.blackHeight());
    }

    record Op(boolean insert, int key) {
    }

    /** Up to 200 inserts and erases of keys 0..40. */
    private static List<Op> smallSequence(Random rnd) {
        int size = rnd.nextInt(201);
        List<Op> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++)
            ops.add(new Op(rnd.nextBoolean(), rnd.nextInt(41)));
        return ops;
    }

    /**
     * After every single operation: the invariants hold, the contents match a TreeMap, every
     * comparison the comparator made was reported, and replaying the reported links and
     * recolors reproduces every node's color (so no color change goes unreported).
     */
    @Test
    void everyStepOfSmallSequencesKeepsTheTreeValid() {
        Seeded.tries(1000).forAllLists(RbTreePropertyTest::smallSequence, 0,
            RbTreePropertyTest::everyStepKeepsTheTreeValid);
    }

    private static void everyStepKeepsTheTreeValid(List<Op> ops) {
        int[] comparisons = {0};
        Comparator<Integer> counting = (a, b) -> {
            comparisons[0]++;
            return Integer.compare(a, b);
        };
        ColorReplay replay = new ColorReplay();
        RbTree<Integer, String> tree = new RbTree<>(counting, replay);
        TreeMap<Integer, String> model = new TreeMap<>();

        for (Op op : ops) {
            comparisons[0] = 0;
            replay.compares = 0;
            if (op.insert()) {
                boolean fresh = !model.containsKey(op.key());
                assertThat(tree.insert(op.key(), "v" + op.key())).isEqualTo(fresh);
                if (fresh)
                    model.put(op.key(), "v" + op.key());
            } else {
                assertThat(tree.erase(op.key())).isEqualTo(model.remove(op.key()));
            }
            assertThat(replay.compares).as("compared() calls for %s", op).isEqualTo(comparisons[0]);

            tree.checkInvariants();
            assertThat(tree.keysInOrder()).isEqualTo(new ArrayList<>(model.keySet()));
            assertThat(tree.size()).isEqualTo(model.size());
            assertThat(tree.isEmpty()).isEqualTo(model.isEmpty());
            assertThat(replay.colors).as("colors replayed from events after %s", op).isEqualTo(colorsOf(tree));
            assertThat(tree.height()).isLessThanOrEqualTo(2 * tree.blackHeight());
        }
    }

    /** Rebuilds every node's color from the observer's events alone. */
    static final class ColorReplay implements RbTree.Observer<Integer> {
        final Map<Integer, RbTree.Color> colors = new HashMap<>();
        int compares;

        @Override
        public void compared(Integer probe, Integer nodeKey) {
            compares++;
        }

        @Override
        public void linked(Integer key, Integer parentKeyOrNull, boolean asLeftChild) {
            assertThat(colors).doesNotContainKey(key);
            if (parentKeyOrNull != null)
                assertThat(colors).containsKey(parentKeyOrNull);
            colors.put(key, RbTree.Color.RED);   // rb_link_node: a new node is red
        }

        @Override
        public void rotated(String caseName, Integer pivotKey, boolean left) {
            assertThat(colors).containsKey(pivotKey);
            assertThat(caseName).startsWith("Case ").contains(left ? "left rotate" : "right rotate");
        }

        @Override
        public void recolored(String caseName, Integer key, RbTree.Color newColor) {
            assertThat(colors.put(key, newColor)).as("recolor of %s to %s: %s", key, newColor, caseName)
                .isNotNull().isNotEqualTo(newColor);
        }

        @Override
        public void erased(Integer key) {
            assertThat(colors.remove(key)).isNotNull();
        }
    }

    private static <V> Map<Integer, RbTree.Color> colorsOf(RbTree<Integer, V> tree) {
        Map<Integer, RbTree.Color> colors = new HashMap<>();
        for (RbTree.Node<Integer, V> n = tree.first(); n != null; n = tree.next(n))
            colors.put(n.key(), n.color());
        return colors;
    }

    /** 1 to 100 distinct keys in 0..1000, in the order they are inserted, and the pick (0..99) of a victim among them. */
    record Corruption(List<Integer> keys, int pick) {

        static Corruption random(Random rnd) {
            int size = 1 + rnd.nextInt(100);
            Set<Integer> keys = new LinkedHashSet<>();
            while (keys.size() < size)
                keys.add(rnd.nextInt(1001));
            return new Corruption(new ArrayList<>(keys), rnd.nextInt(100));
        }

        /** The same pick among fewer keys, at least one. */
        List<Corruption> smaller() {
            return Seeded.smallerLists(keys, 1).stream().map(fewer -> new Corruption(fewer, pick)).toList();
        }

        /** Inserts the keys into the tree; returns the key of the victim. */
        int victimIn(RbTree<Integer, Integer> tree) {
            keys.forEach(k -> tree.insert(k, k));
            List<Integer> present = tree.keysInOrder();
            return present.get(pick % present.size());
        }
    }

    /** Any single flipped color breaks property 2, 4 or 5, and checkInvariants must say so. */
    @Test
    void checkInvariantsDetectsAFlippedColor() {
        Seeded.tries(1000).forAll(Corruption::random, Corruption::smaller, RbTreePropertyTest::flippedColorIsDetected);
    }

    private static void flippedColorIsDetected(Corruption c) {
        RbTree<Integer, Integer> tree = new RbTree<>(Comparator.naturalOrder());
        int victim = c.victimIn(tree);
        tree.checkInvariants();

        tree.corruptColorForTest(victim);

        assertThatThrownBy(tree::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageMatching("property [245] \\(.*\\) broken at key -?\\d+: .*");
    }

    @Test
    void checkInvariantsDetectsABadParentPointer() {
        Seeded.tries(1000).forAll(Corruption::random, Corruption::smaller, RbTreePropertyTest::badParentIsDetected);
    }

    private static void badParentIsDetected(Corruption c) {
        RbTree<Integer, Integer> tree = new RbTree<>(Comparator.naturalOrder());
        int victim = c.victimIn(tree);

        tree.corruptParentForTest(victim);

        assertThatThrownBy(tree::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("parent pointers broken at key " + victim + ":");
    }
}
