package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Expected event sequences below were worked out by hand from lib/rbtree.c (__rb_insert,
 * __rb_erase_augmented, ____rb_erase_color), not recorded from this implementation. Shapes are
 * written key+color(left,right), "-" for an empty child.
 */
class RbTreeTest {

    // kernel case names, spelled out here on purpose rather than taken from RbTree's constants
    static final String ROOT_BLACK = "root is black";
    static final String INS_1 = "Case 1 - node's uncle is red (color flips).";
    static final String INS_2 = "Case 2 - node's uncle is black and node is the parent's right child (left rotate at parent).";
    static final String INS_3 = "Case 3 - node's uncle is black and node is the parent's left child (right rotate at gparent).";
    static final String INS_1_M = "Case 1 - color flips";
    static final String INS_2_M = "Case 2 - right rotate at parent";
    static final String INS_3_M = "Case 3 - left rotate at gparent";
    static final String DEL_1 = "Case 1 - left rotate at parent";
    static final String DEL_2 = "Case 2 - sibling color flip (p could be either color here)";
    static final String DEL_3 = "Case 3 - right rotate at sibling";
    static final String DEL_4 = "Case 4 - left rotate at parent + color flips";
    static final String DEL_1_M = "Case 1 - right rotate at parent";
    static final String DEL_2_M = "Case 2 - sibling color flip";
    static final String DEL_3_M = "Case 3 - left rotate at sibling";
    static final String DEL_4_M = "Case 4 - right rotate at parent + color flips";
    static final String UNLINK_1 = "Case 1: node to erase has no more than 1 child (easy!)";
    static final String UNLINK_1_LEFT = "Still case 1, but this time the child is node->rb_left";
    static final String UNLINK_2 = "Case 2: node's successor is its right child";
    static final String UNLINK_3 = "Case 3: node's successor is leftmost under node's right child subtree";

    /** Writes every observer call as one line, so whole sequences can be compared. */
    static final class Log implements RbTree.Observer<Integer> {
        final List<String> lines = new ArrayList<>();

        @Override
        public void compared(Integer probe, Integer nodeKey) {
            lines.add("compare " + probe + " " + nodeKey);
        }

        @Override
        public void linked(Integer key, Integer parentKeyOrNull, boolean asLeftChild) {
            lines.add(parentKeyOrNull == null ? "link " + key + " as root"
                : "link " + key + (asLeftChild ? " left of " : " right of ") + parentKeyOrNull);
        }

        @Override
        public void rotated(String caseName, Integer pivotKey, boolean left) {
            lines.add("rotate " + (left ? "left" : "right") + " at " + pivotKey + ": " + caseName);
        }

        @Override
        public void recolored(String caseName, Integer key, RbTree.Color newColor) {
            lines.add("recolor " + key + " " + newColor + ": " + caseName);
        }

        @Override
        public void erased(Integer key) {
            lines.add("erase " + key);
        }

        List<String> starting(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
        }

        List<String> withoutCompares() {
            return lines.stream().filter(l -> !l.startsWith("compare")).collect(Collectors.toList());
        }
    }

    private final Log log = new Log();
    private final RbTree<Integer, String> tree = new RbTree<>(Comparator.naturalOrder(), log);

    /** Inserts keys (value "v"+key), checks the tree, and forgets the events so far. */
    private void build(int... keys) {
        for (int k : keys)
            assertThat(tree.insert(k, "v" + k)).isTrue();
        tree.checkInvariants();
        log.lines.clear();
    }

    static String shape(RbTree.Node<Integer, ?> n) {
        if (n == null)
            return "-";
        String self = n.key() + (n.color() == RbTree.Color.BLACK ? "B" : "R");
        if (n.left() == null && n.right() == null)
            return self;
        return self + "(" + shape(n.left()) + "," + shape(n.right()) + ")";
    }

    private String shape() {
        return shape(tree.root());
    }

    // ---- insert ----

    @Test
    void firstInsertLinksRootAndPaintsItBlack() {
        tree.insert(7, "v7");

        assertThat(log.lines).containsExactly("link 7 as root", "recolor 7 BLACK: " + ROOT_BLACK);
        assertThat(shape()).isEqualTo("7B");
    }

    @Test
    void insertRejectsDuplicateKey() {
        build(5, 3, 8);

        assertThat(tree.insert(3, "other")).isFalse();

        assertThat(tree.get(3)).isEqualTo("v3");
        assertThat(tree.size()).isEqualTo(3);
        assertThat(shape()).isEqualTo("5B(3R,8R)");
        // the descent stopped at the equal key: nothing linked, nothing rebalanced
        assertThat(log.lines).containsExactly("compare 3 5", "compare 3 3", "compare 3 5", "compare 3 3");
    }

    @Test
    void insertUnderBlackParentNeedsNoFixup() {
        build(2);

        tree.insert(1, "v1");

        assertThat(log.lines).containsExactly("compare 1 2", "link 1 left of 2");
        assertThat(shape()).isEqualTo("2B(1R,-)");
    }

    @Test
    void ascendingThirdInsertIsOneLeftRotationAtGparent() {
        build(1, 2);

        tree.insert(3, "v3");

        // parent 2 is gparent 1's right child: the mirrored branch; uncle is a NULL leaf and 3
        // is not 2's left child, so no Case 2, straight to Case 3
        assertThat(log.lines).containsExactly(
            "compare 3 1", "compare 3 2", "link 3 right of 2",
            "rotate left at 1: " + INS_3_M,
            "recolor 2 BLACK: " + INS_3_M,
            "recolor 1 RED: " + INS_3_M);
        assertThat(shape()).isEqualTo("2B(1R,3R)");
    }

    @Test
    void ascendingInsertsReportLeftRotations() {
        for (int k = 1; k <= 8; k++)
            tree.insert(k, "v" + k);

        assertThat(log.starting("rotate")).containsExactly(
            "rotate left at 1: " + INS_3_M,   // insert 3
            "rotate left at 3: " + INS_3_M,   // insert 5
            "rotate left at 5: " + INS_3_M,   // insert 7
            "rotate left at 2: " + INS_3_M);  // insert 8, after Case 1 recursed up to 6
        assertThat(shape()).isEqualTo("4B(2R(1B,3B),6R(5B,7B(-,8R)))");
        tree.checkInvariants();
    }

    @Test
    void descendingInsertsReportRightRotations() {
        for (int k = 8; k >= 1; k--)
            tree.insert(k, "v" + k);

        assertThat(log.starting("rotate")).containsExactly(
            "rotate right at 8: " + INS_3,
            "rotate right at 6: " + INS_3,
            "rotate right at 4: " + INS_3,
            "rotate right at 7: " + INS_3);
        assertThat(shape()).isEqualTo("5B(3R(2B(1R,-),4B),7R(6B,8B))");
        tree.checkInvariants();
    }

    @Test
    void zigZagInsertRotatesAtParentThenAtGparent() {
        build(3, 1);

        tree.insert(2, "v2");

        // Case 2 only restructures (2's left NULL becomes 1's right, 1 stays red); Case 3's
        // __rb_rotate_set_parents gives 2 the gparent's black and makes 3 red
        assertThat(log.withoutCompares()).containsExactly(
            "link 2 right of 1",
            "rotate left at 1: " + INS_2,
            "rotate right at 3: " + INS_3,
            "recolor 2 BLACK: " + INS_3,
            "recolor 3 RED: " + INS_3);
        assertThat(shape()).isEqualTo("2B(1R,3R)");
    }

    @Test
    void mirroredZigZagInsertRotatesRightAtParentThenLeftAtGparent() {
        build(1, 3);

        tree.insert(2, "v2");

        assertThat(log.withoutCompares()).containsExactly(
            "link 2 left of 3",
            "rotate right at 3: " + INS_2_M,
            "rotate left at 1: " + INS_3_M,
            "recolor 2 BLACK: " + INS_3_M,
            "recolor 1 RED: " + INS_3_M);
        assertThat(shape()).isEqualTo("2B(1R,3R)");
    }

    @Test
    void uncleRedCaseRecolorsWithoutRotation() {
        build(2, 1, 3);

        tree.insert(0, "v0");

        // uncle 3, then parent 1 go black, gparent 2 goes red; 2 is the root, so the loop's
        // next round paints it black again
        assertThat(log.withoutCompares()).containsExactly(
            "link 0 left of 1",
            "recolor 3 BLACK: " + INS_1,
            "recolor 1 BLACK: " + INS_1,
            "recolor 2 RED: " + INS_1,
            "recolor 2 BLACK: " + ROOT_BLACK);
        assertThat(log.starting("rotate")).isEmpty();
        assertThat(shape()).isEqualTo("2B(1B(0R,-),3B)");
    }

    @Test
    void mirroredUncleRedCaseUsesTheShortKernelName() {
        build(2, 1, 3);

        tree.insert(4, "v4");

        assertThat(log.withoutCompares()).containsExactly(
            "link 4 right of 3",
            "recolor 1 BLACK: " + INS_1_M,
            "recolor 3 BLACK: " + INS_1_M,
            "recolor 2 RED: " + INS_1_M,
            "recolor 2 BLACK: " + ROOT_BLACK);
        assertThat(shape()).isEqualTo("2B(1B,3B(-,4R))");
    }

    @Test
    void uncleRedCaseRecursesUpToARotation() {
        build(1, 2, 3, 4, 5, 6, 7);
        assertThat(shape()).isEqualTo("2B(1B,4R(3B,6B(5R,7R)))");

        tree.insert(8, "v8");

        // Case 1 at 6 leaves 6 red under red 4; the loop goes on with node=6, whose uncle 1 is
        // black and which is 4's right child (no Case 2), so Case 3 rotates the root away
        assertThat(log.lines).containsExactly(
            "compare 8 2", "compare 8 4", "compare 8 6", "compare 8 7",
            "link 8 right of 7",
            "recolor 5 BLACK: " + INS_1_M,
            "recolor 7 BLACK: " + INS_1_M,
            "recolor 6 RED: " + INS_1_M,
            "rotate left at 2: " + INS_3_M,
            "recolor 4 BLACK: " + INS_3_M,
            "recolor 2 RED: " + INS_3_M);
        assertThat(shape()).isEqualTo("4B(2R(1B,3B),6R(5B,7B(-,8R)))");
    }

    // ---- erase ----

    @Test
    void eraseOfAbsentKeyReturnsNullAndChangesNothing() {
        build(2, 1, 3);

        assertThat(tree.erase(9)).isNull();

        assertThat(log.lines).containsExactly("compare 9 2", "compare 9 3");
        assertThat(tree.size()).isEqualTo(3);
    }

    @Test
    void eraseOfRedLeafNeedsNoFixup() {
        build(2, 1, 3);

        assertThat(tree.erase(1)).isEqualTo("v1");

        assertThat(log.lines).containsExactly("compare 1 2", "compare 1 1", "erase 1");
        assertThat(shape()).isEqualTo("2B(-,3R)");
        assertThat(tree.size()).isEqualTo(2);
        tree.checkInvariants();
    }

    @Test
    void eraseOfBlackNodeWithOneRedChildBlackensTheChild() {
        build(1, 2, 3, 4);
        assertThat(shape()).isEqualTo("2B(1B,3B(-,4R))");

        tree.erase(3);

        assertThat(log.withoutCompares()).containsExactly("erase 3", "recolor 4 BLACK: " + UNLINK_1);
        assertThat(shape()).isEqualTo("2B(1B,4B)");
        tree.checkInvariants();
    }

    @Test
    void eraseOfBlackNodeWithOnlyALeftChildIsStillCase1() {
        build(3, 4, 2, 1);
        assertThat(shape()).isEqualTo("3B(2B(1R,-),4B)");

        tree.erase(2);

        assertThat(log.withoutCompares()).containsExactly("erase 2", "recolor 1 BLACK: " + UNLINK_1_LEFT);
        assertThat(shape()).isEqualTo("3B(1B,4B)");
        tree.checkInvariants();
    }

    @Test
    void eraseOfRootWithTwoRedChildrenPromotesRightChild() {
        build(2, 1, 3);

        tree.erase(2);

        // successor 3 was red, so taking 2's place and black costs no path a black
        assertThat(log.lines).containsExactly("compare 2 2", "erase 2", "recolor 3 BLACK: " + UNLINK_2);
        assertThat(shape()).isEqualTo("3B(1R,-)");
        tree.checkInvariants();
    }

    @Test
    void eraseWithLeftmostSuccessorRebalancesAtSuccessorsOldParent() {
        build(1, 2, 3, 4, 5, 6);
        tree.erase(6);
        assertThat(shape()).isEqualTo("2B(1B,4R(3B,5B))");
        log.lines.clear();

        tree.erase(2);

        // successor 3 (black, same color as 2: no event) moves up; 4's left lost a black, and
        // with black 5 childless and 4 red, Case 2 settles it in one step
        assertThat(log.lines).containsExactly(
            "compare 2 2", "erase 2",
            "recolor 5 RED: " + DEL_2,
            "recolor 4 BLACK: " + DEL_2);
        assertThat(shape()).isEqualTo("3B(1B,4B(-,5R))");
        tree.checkInvariants();
    }

    @Test
    void eraseOfSuccessorWithRightChildBlackensThatChild() {
        build(1, 2, 3, 4, 5, 6);
        assertThat(shape()).isEqualTo("2B(1B,4R(3B,5B(-,6R)))");

        tree.erase(4);

        // successor 5 is 4's right child; its child 6 goes black to pay for 5, 5 turns red
        assertThat(log.withoutCompares()).containsExactly(
            "erase 4",
            "recolor 6 BLACK: " + UNLINK_2,
            "recolor 5 RED: " + UNLINK_2);
        assertThat(shape()).isEqualTo("2B(1B,5R(3B,6B))");
        tree.checkInvariants();
    }

    @Test
    void eraseReportsSiblingCases() {
        // one fresh tree per scenario; only the fix-up's case names, in order (details below)
        assertThat(fixupCasesOfErasing(1, new int[] {1, 2, 3, 4}, 4))
            .containsExactly(DEL_2);
        assertThat(fixupCasesOfErasing(1, new int[] {1, 2, 3, 4}))
            .containsExactly(DEL_4, DEL_4);
        assertThat(fixupCasesOfErasing(10, new int[] {10, 20, 30, 40}, 40, 25))
            .containsExactly(DEL_3, DEL_4, DEL_4);
        assertThat(fixupCasesOfErasing(1, new int[] {1, 2, 3, 4, 5, 6}, 6))
            .containsExactly(DEL_1, DEL_1, DEL_1, DEL_2, DEL_2);
    }

    /**
     * Builds a tree from inserts, then toggles each key of then (erase if present, else
     * insert), then erases victim; returns the case names of its rotations and recolors.
     */
    private static List<String> fixupCasesOfErasing(int victim, int[] inserts, int... then) {
        List<String> cases = new ArrayList<>();
        RbTree<Integer, String> t = new RbTree<>(Comparator.naturalOrder());
        for (int k : inserts)
            t.insert(k, "v" + k);
        for (int k : then)
            if (t.erase(k) == null)
                t.insert(k, "v" + k);
        t.setObserver(new RbTree.Observer<>() {
            @Override
            public void rotated(String caseName, Integer pivotKey, boolean left) {
                cases.add(caseName);
            }

            @Override
            public void recolored(String caseName, Integer key, RbTree.Color newColor) {
                cases.add(caseName);
            }
        });
        t.erase(victim);
        t.checkInvariants();
        return cases;
    }

    @Test
    void eraseCase2RecursingToTheRootShrinksBlackHeight() {
        // Case 2 recursing at p = root: the whole tree loses one black level
        build(1, 2, 3, 4);
        tree.erase(4);
        log.lines.clear();
        tree.erase(1);
        assertThat(log.withoutCompares()).containsExactly("erase 1", "recolor 3 RED: " + DEL_2);
        assertThat(shape()).isEqualTo("2B(-,3R)");
        assertThat(tree.blackHeight()).isEqualTo(1);
        tree.checkInvariants();
    }

    @Test
    void eraseWithRedFarNephewIsCase4Only() {
        build(1, 2, 3, 4);

        tree.erase(1);

        assertThat(log.withoutCompares()).containsExactly(
            "erase 1",
            "rotate left at 2: " + DEL_4,
            "recolor 4 BLACK: " + DEL_4);
        assertThat(shape()).isEqualTo("3B(2B,4B)");
        tree.checkInvariants();
    }

    @Test
    void eraseWithRedNearNephewIsCase3ThenCase4() {
        build(10, 20, 30, 40);
        tree.erase(40);
        tree.insert(25, "v25");
        assertThat(shape()).isEqualTo("20B(10B,30B(25R,-))");
        log.lines.clear();

        tree.erase(10);

        assertThat(log.withoutCompares()).containsExactly(
            "erase 10",
            "rotate right at 30: " + DEL_3,
            "rotate left at 20: " + DEL_4,
            "recolor 25 BLACK: " + DEL_4);
        assertThat(shape()).isEqualTo("25B(20B,30B)");
        tree.checkInvariants();
    }

    @Test
    void eraseWithRedSiblingIsCase1ThenCase2() {
        build(1, 2, 3, 4, 5, 6);
        tree.erase(6);
        log.lines.clear();

        tree.erase(1);

        assertThat(log.withoutCompares()).containsExactly(
            "erase 1",
            "rotate left at 2: " + DEL_1,
            "recolor 4 BLACK: " + DEL_1,
            "recolor 2 RED: " + DEL_1,
            "recolor 3 RED: " + DEL_2,
            "recolor 2 BLACK: " + DEL_2);
        assertThat(shape()).isEqualTo("4B(2B(-,3R),5B)");
        tree.checkInvariants();
    }

    @Test
    void eraseReportsMirroredSiblingCases() {
        // mirror image of eraseWithRedSiblingIsCase1ThenCase2 (k -> 7-k)
        build(6, 5, 4, 3, 2, 1);
        tree.erase(1);
        assertThat(shape()).isEqualTo("5B(3R(2B,4B),6B)");
        log.lines.clear();

        tree.erase(6);

        assertThat(log.withoutCompares()).containsExactly(
            "erase 6",
            "rotate right at 5: " + DEL_1_M,
            "recolor 3 BLACK: " + DEL_1_M,
            "recolor 5 RED: " + DEL_1_M,
            "recolor 4 RED: " + DEL_2_M,
            "recolor 5 BLACK: " + DEL_2_M);
        assertThat(shape()).isEqualTo("3B(2B,5B(4R,-))");
        tree.checkInvariants();
    }

    @Test
    void eraseReportsMirroredCase3ThenCase4() {
        // mirror image of eraseWithRedNearNephewIsCase3ThenCase4 (k -> 50-k)
        build(40, 30, 20, 10);
        tree.erase(10);
        tree.insert(25, "v25");
        assertThat(shape()).isEqualTo("30B(20B(-,25R),40B)");
        log.lines.clear();

        tree.erase(40);

        assertThat(log.withoutCompares()).containsExactly(
            "erase 40",
            "rotate left at 20: " + DEL_3_M,
            "rotate right at 30: " + DEL_4_M,
            "recolor 25 BLACK: " + DEL_4_M);
        assertThat(shape()).isEqualTo("25B(20B,30B)");
        tree.checkInvariants();
    }

    @Test
    void eraseOfLastNodeEmptiesTheTree() {
        build(1);

        assertThat(tree.erase(1)).isEqualTo("v1");

        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.root()).isNull();
        assertThat(tree.first()).isNull();
        assertThat(tree.height()).isZero();
        assertThat(tree.blackHeight()).isZero();
        tree.checkInvariants();
    }

    // ---- lookup and observer ----

    @Test
    void observerSeesEveryComparison() {
        AtomicInteger comparisons = new AtomicInteger();
        Comparator<Integer> counting = (a, b) -> {
            comparisons.incrementAndGet();
            return Integer.compare(a, b);
        };
        Log seen = new Log();
        RbTree<Integer, String> t = new RbTree<>(counting, seen);
        Random rnd = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            int k = rnd.nextInt(500);
            switch (rnd.nextInt(3)) {
                case 0 -> t.insert(k, "x");
                case 1 -> t.erase(k);
                default -> t.get(k);
            }
        }
        assertThat(seen.starting("compare")).hasSize(comparisons.get());

        // and each one names the probe and the node in the order of the descent
        seen.lines.clear();
        RbTree<Integer, String> small = new RbTree<>(Comparator.naturalOrder(), seen);
        for (int k = 1; k <= 8; k++)
            small.insert(k, "v" + k);
        seen.lines.clear();
        assertThat(small.get(5)).isEqualTo("v5");
        assertThat(small.get(9)).isNull();
        assertThat(seen.lines).containsExactly(
            "compare 5 4", "compare 5 6", "compare 5 5",
            "compare 9 4", "compare 9 6", "compare 9 7", "compare 9 8");
    }

    @Test
    void setObserverNullSilencesAndSwapsObservers() {
        tree.setObserver(null);
        tree.insert(1, "v1");
        tree.insert(2, "v2");
        assertThat(log.lines).isEmpty();

        tree.setObserver(log);
        tree.insert(3, "v3");
        assertThat(log.starting("rotate")).containsExactly("rotate left at 1: " + INS_3_M);
    }

    @Test
    void constructorWithoutObserverWorks() {
        RbTree<String, Integer> t = new RbTree<>(Comparator.reverseOrder());
        t.insert("a", 1);
        t.insert("c", 3);
        t.insert("b", 2);
        assertThat(t.keysInOrder()).containsExactly("c", "b", "a");
        assertThat(t.get("b")).isEqualTo(2);
        t.checkInvariants();
    }

    // ---- walking and shape ----

    @Test
    void nextWalksInOrder() {
        List<Integer> keys = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        Collections.shuffle(keys, new Random(7));
        keys.forEach(k -> tree.insert(k, "v" + k));

        List<Integer> walked = new ArrayList<>();
        RbTree.Node<Integer, String> last = null;
        for (RbTree.Node<Integer, String> n = tree.first(); n != null; n = tree.next(n)) {
            walked.add(n.key());
            assertThat(n.value()).isEqualTo("v" + n.key());
            last = n;
        }

        assertThat(walked).isEqualTo(IntStream.range(0, 100).boxed().collect(Collectors.toList()));
        assertThat(tree.first().key()).isZero();
        assertThat(last.key()).isEqualTo(99);
        assertThat(tree.next(last)).isNull();
        assertThat(tree.keysInOrder()).isEqualTo(walked);
    }

    @Test
    void nextClimbsPastRightChildren() {
        build(1, 2, 3, 4, 5, 6, 7, 8);
        // 3 has no right child and is 2's right child: its successor is 2's parent, 4
        RbTree.Node<Integer, String> three = tree.root().left().right();
        assertThat(three.key()).isEqualTo(3);

        assertThat(tree.next(three).key()).isEqualTo(4);
        assertThat(three.parent().key()).isEqualTo(2);
    }

    @Test
    void erasedNodeViewIsDetached() {
        build(1, 2, 3, 4, 5);
        RbTree.Node<Integer, String> three = tree.root().right().left();
        assertThat(three.key()).isEqualTo(3);

        tree.erase(3);

        // RB_CLEAR_NODE: no parent, no children, and rb_next gives NULL
        assertThat(three.parent()).isNull();
        assertThat(three.left()).isNull();
        assertThat(three.right()).isNull();
        assertThat(tree.next(three)).isNull();
        assertThat(three.value()).isEqualTo("v3");
    }

    @Test
    void nextOfAnotherTreesNodeTripsTheOwnershipAssert() {
        assumeTrue(RbTree.class.desiredAssertionStatus(), "needs -ea");
        build(1, 2, 3);
        RbTree<Integer, String> other = new RbTree<>(Comparator.naturalOrder());
        other.insert(1, "x");

        assertThatThrownBy(() -> tree.next(other.root())).isInstanceOf(AssertionError.class)
            .hasMessageContaining("another tree");
    }

    @Test
    void nextRejectsForeignNodeImplementations() {
        build(1);
        RbTree.Node<Integer, String> fake = new RbTree.Node<>() {
            public Integer key() { return 1; }
            public String value() { return "x"; }
            public RbTree.Color color() { return RbTree.Color.BLACK; }
            public RbTree.Node<Integer, String> left() { return null; }
            public RbTree.Node<Integer, String> right() { return null; }
            public RbTree.Node<Integer, String> parent() { return null; }
        };

        assertThatThrownBy(() -> tree.next(fake)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forEachInOrderVisitsKeysAndValuesInOrder() {
        build(5, 1, 4, 2, 3);
        List<String> seen = new ArrayList<>();

        tree.forEachInOrder((k, v) -> seen.add(k + "=" + v));

        assertThat(seen).containsExactly("1=v1", "2=v2", "3=v3", "4=v4", "5=v5");
    }

    @Test
    void forEachInOrderRefusesATreeChangedUnderIt() {
        build(1, 2, 3);

        assertThatThrownBy(() -> tree.forEachInOrder((k, v) -> tree.insert(k + 10, "x")))
            .isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void heightAndBlackHeightOfKnownShape() {
        assertThat(tree.height()).isZero();
        assertThat(tree.blackHeight()).isZero();

        build(1, 2, 3, 4, 5, 6, 7, 8);   // 4B(2R(1B,3B),6R(5B,7B(-,8R)))

        assertThat(tree.height()).isEqualTo(4);        // 4 6 7 8
        assertThat(tree.blackHeight()).isEqualTo(2);   // 4 and 1 (or 3, 5, 7)
        assertThat(tree.size()).isEqualTo(8);
        assertThat(tree.isEmpty()).isFalse();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void millionAscendingInsertsStayBalanced() {
        RbTree<Integer, Integer> big = new RbTree<>(Comparator.naturalOrder());
        int n = 1_000_000;
        for (int k = 0; k < n; k++)
            big.insert(k, k);

        assertThat(big.size()).isEqualTo(n);
        assertThat((double) big.height()).isLessThanOrEqualTo(2 * Math.log(n + 1) / Math.log(2));
        big.checkInvariants();
        for (int k = 0; k < n; k += 2)
            assertThat(big.erase(k)).isEqualTo(k);
        assertThat(big.size()).isEqualTo(n / 2);
        big.checkInvariants();
    }

    // ---- checkInvariants ----

    @Test
    void checkInvariantsNamesARedRoot() {
        build(2, 1, 3);
        tree.corruptColorForTest(2);

        assertThatThrownBy(tree::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("property 2").hasMessageContaining("key 2");
    }

    @Test
    void checkInvariantsNamesARedRedPair() {
        build(1, 2, 3, 4);   // 2B(1B,3B(-,4R))
        tree.corruptColorForTest(3);

        assertThatThrownBy(tree::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("property 4").hasMessageContaining("key 3");
    }

    @Test
    void checkInvariantsNamesUnequalBlackHeights() {
        build(2, 1, 3);
        tree.corruptColorForTest(1);   // a black leaf on the left only

        assertThatThrownBy(tree::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("property 5").hasMessageContaining("key 2");
    }

    @Test
    void checkInvariantsNamesABadParentPointer() {
        build(2, 1, 3);
        tree.corruptParentForTest(3);

        assertThatThrownBy(tree::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("parent pointers").hasMessageContaining("key 3");
    }

    @Test
    void checkInvariantsNamesBrokenOrder() {
        boolean[] reversed = {false};
        RbTree<Integer, String> t = new RbTree<>((a, b) -> reversed[0] ? Integer.compare(b, a) : Integer.compare(a, b));
        for (int k = 1; k <= 5; k++)
            t.insert(k, "v" + k);
        t.checkInvariants();

        reversed[0] = true;   // the comparator changes its mind: every left child is now too big

        assertThatThrownBy(t::checkInvariants).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("BST order");
    }
}
