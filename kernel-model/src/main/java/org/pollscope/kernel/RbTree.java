package org.pollscope.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/*
 * Red-black tree, following lib/rbtree.c (and include/linux/rbtree_augmented.h) of mainline
 * Linux 6.x. The properties it keeps, numbered as the kernel numbers them:
 *
 *  1) A node is either red or black
 *  2) The root is black
 *  3) All leaves (NULL) are black
 *  4) Both children of every red node are black
 *  5) Every simple path from root to leaves contains the same number
 *     of black nodes.
 *
 * 4 and 5 give the O(log n) guarantee: 4 forbids two reds in a row, so with B black nodes on
 * every path (5) the longest path has at most 2B nodes.
 *
 * The kernel splits the work: the user owns the keyed descent (ep_rbtree_insert, ep_find in
 * fs/eventpoll.c) and calls rb_link_node + rb_insert_color / rb_erase, which never look at keys.
 * This class does both halves, but keeps them apart in the same way: insert/get/erase do the
 * keyed walk, insertColor/unlink/eraseColor are the key-blind rebalancing, with the kernel's
 * case structure, case names and variable names (parent, gparent, sibling, tmp, tmp1, tmp2),
 * so a reader can put this file next to lib/rbtree.c and follow it line by line.
 *
 * The kernel packs parent and color into one word (__rb_parent_color); here they are two fields,
 * and rb_set_parent_color(n, p, c) becomes setParentColor(n, p, c, caseName), which also tells
 * the observer when the color actually changes.
 *
 * Not thread-safe: like an rb_root, callers serialize (eventpoll holds ep->mtx).
 */

/**
 * The epoll interest list: a red-black tree ported from Linux {@code lib/rbtree.c}, generic over
 * a {@link Comparator}, that reports every comparison, link, rotation, recolor and erase to an
 * {@link Observer} so the simulator can trace them.
 *
 * <p>Keys must be non-null. Values may be null, in which case {@link #get} and {@link #erase}
 * cannot tell "absent" from "present with a null value".
 *
 * <p>Case names passed to the observer are the kernel's comment texts, verbatim, including the
 * mirrored branches' own (shorter) comments, e.g. {@code "Case 3 - left rotate at gparent"} for
 * the mirror of {@code "Case 3 - node's uncle is black and node is the parent's left child
 * (right rotate at gparent)."}. Every rebalance case name starts with {@code "Case N - "};
 * colors written while unlinking carry the {@code __rb_erase_augmented} names, which start with
 * {@code "Case N: "} (or {@code "Still case 1"}); the root painted black at the top of
 * {@code __rb_insert} is {@code "root is black"}.
 */
public final class RbTree<K, V> {

    public enum Color { RED, BLACK }

    /**
     * Receives every step the tree takes, so the model can turn them into trace events. All
     * methods default to no-ops.
     *
     * <p>Order of events: {@code insert} reports {@code compared} for each step of the descent,
     * then {@code linked}, then the fix-up. {@code erase} reports the lookup's {@code compared}s,
     * then {@code erased}, then the colors the unlink itself writes (a replacement inheriting
     * the erased node's color), then the fix-up. Within a rotating case the rotation comes first,
     * then its color changes in the order the kernel writes them. {@code recolored} is only
     * reported when the color really changes (the kernel rewrites some colors with the value
     * they already had), so replaying {@code linked} (a new node is red) and {@code recolored}
     * always reproduces the tree's colors.
     */
    public interface Observer<K> {
        /** One key comparison during search/insert/erase lookup. */
        default void compared(K probe, K nodeKey) {}

        /** rb_link_node: the new node placed before rebalancing; parentKeyOrNull is null (and asLeftChild false) for the root. */
        default void linked(K key, K parentKeyOrNull, boolean asLeftChild) {}

        /** A rotation; pivotKey = the node rotated about (the one that moves down, augment_rotate's "old"); left=true for a left rotation. */
        default void rotated(String caseName, K pivotKey, boolean left) {}

        /** A color change. */
        default void recolored(String caseName, K key, Color newColor) {}

        /** Node unlinked (before erase color fix-up events). */
        default void erased(K key) {}
    }

    /** A read-only view of a node, for drawing. */
    public interface Node<K, V> {
        K key();

        V value();

        Color color();

        /** null when absent */
        Node<K, V> left();

        /** null when absent */
        Node<K, V> right();

        /** null for the root, and for a node that has been erased */
        Node<K, V> parent();
    }

    // The kernel's comment texts, verbatim: the trace shows them next to the kernel source.
    static final String ROOT_IS_BLACK = "root is black";
    static final String INSERT_CASE_1 = "Case 1 - node's uncle is red (color flips).";
    static final String INSERT_CASE_2 =
        "Case 2 - node's uncle is black and node is the parent's right child (left rotate at parent).";
    static final String INSERT_CASE_3 =
        "Case 3 - node's uncle is black and node is the parent's left child (right rotate at gparent).";
    static final String INSERT_CASE_1_MIRROR = "Case 1 - color flips";
    static final String INSERT_CASE_2_MIRROR = "Case 2 - right rotate at parent";
    static final String INSERT_CASE_3_MIRROR = "Case 3 - left rotate at gparent";

    static final String UNLINK_CASE_1 = "Case 1: node to erase has no more than 1 child (easy!)";
    static final String UNLINK_STILL_CASE_1 = "Still case 1, but this time the child is node->rb_left";
    static final String UNLINK_CASE_2 = "Case 2: node's successor is its right child";
    static final String UNLINK_CASE_3 = "Case 3: node's successor is leftmost under node's right child subtree";

    static final String ERASE_CASE_1 = "Case 1 - left rotate at parent";
    static final String ERASE_CASE_2 = "Case 2 - sibling color flip (p could be either color here)";
    static final String ERASE_CASE_3 = "Case 3 - right rotate at sibling";
    static final String ERASE_CASE_4 = "Case 4 - left rotate at parent + color flips";
    static final String ERASE_CASE_1_MIRROR = "Case 1 - right rotate at parent";
    static final String ERASE_CASE_2_MIRROR = "Case 2 - sibling color flip";
    static final String ERASE_CASE_3_MIRROR = "Case 3 - left rotate at sibling";
    static final String ERASE_CASE_4_MIRROR = "Case 4 - right rotate at parent + color flips";

    private static final Color RED = Color.RED;
    private static final Color BLACK = Color.BLACK;

    @SuppressWarnings("rawtypes")
    private static final Observer SILENT = new Observer() {};

    /** struct rb_node plus the user's key and value (the kernel embeds rb_node in struct epitem). */
    private static final class Entry<K, V> implements Node<K, V> {
        final K key;
        final V value;
        Entry<K, V> left;
        Entry<K, V> right;
        /** null for the root; the node itself once erased (RB_CLEAR_NODE), so stale views can tell */
        Entry<K, V> parent;
        Color color;

        /** rb_link_node: a new node is red, childless, hanging off parent. */
        Entry(K key, V value, Entry<K, V> parent) {
            this.key = key;
            this.value = value;
            this.parent = parent;
            this.color = RED;
        }

        @Override
        public K key() {
            return key;
        }

        @Override
        public V value() {
            return value;
        }

        @Override
        public Color color() {
            return color;
        }

        @Override
        public Node<K, V> left() {
            return left;
        }

        @Override
        public Node<K, V> right() {
            return right;
        }

        @Override
        public Node<K, V> parent() {
            return detached() ? null : parent;
        }

        /** RB_EMPTY_NODE */
        boolean detached() {
            return parent == this;
        }

        @Override
        public String toString() {
            return key + "(" + (color == RED ? "r" : "B") + ")";
        }
    }

    private final Comparator<? super K> comparator;
    private Observer<K> observer;
    private Entry<K, V> root;
    private int size;
    /** bumped by every structural change, so forEachInOrder can refuse a tree changed under it */
    private int modCount;

    public RbTree(Comparator<? super K> comparator) {
        this(comparator, null);
    }

    public RbTree(Comparator<? super K> comparator, Observer<K> observer) {
        this.comparator = Objects.requireNonNull(comparator, "comparator");
        setObserver(observer);
    }

    /** null means nobody is listening. */
    @SuppressWarnings("unchecked")
    public void setObserver(Observer<K> observer) {
        this.observer = observer != null ? observer : (Observer<K>) SILENT;
    }

    // ---- TreeMap-style null-safe accessors: a null child is a black leaf (property 3) ----

    private static <K, V> Color colorOf(Entry<K, V> n) {
        return n == null ? BLACK : n.color;
    }

    private static <K, V> Entry<K, V> parentOf(Entry<K, V> n) {
        return n == null ? null : n.parent;
    }

    private static <K, V> Entry<K, V> leftOf(Entry<K, V> n) {
        return n == null ? null : n.left;
    }

    private static <K, V> Entry<K, V> rightOf(Entry<K, V> n) {
        return n == null ? null : n.right;
    }

    // ---- keyed operations (the user's half in the kernel) ----

    /**
     * The lookup of {@code ep_find} (fs/eventpoll.c): walk down from the root, reporting each
     * comparison.
     *
     * @return the value stored under key, or null if absent
     */
    public V get(K key) {
        Entry<K, V> e = find(key);
        return e == null ? null : e.value;
    }

    private Entry<K, V> find(K key) {
        Objects.requireNonNull(key, "key");
        Entry<K, V> n = root;
        while (n != null) {
            int kcmp = compare(key, n.key);
            if (kcmp > 0)
                n = n.right;
            else if (kcmp < 0)
                n = n.left;
            else
                return n;
        }
        return null;
    }

    private int compare(K probe, K nodeKey) {
        observer.compared(probe, nodeKey);
        return comparator.compare(probe, nodeKey);
    }

    /**
     * {@code ep_rbtree_insert} (fs/eventpoll.c) followed by {@code rb_link_node}
     * (include/linux/rbtree.h) and {@code rb_insert_color} / {@code __rb_insert} (lib/rbtree.c).
     * ep_rbtree_insert has no duplicate check because ep_insert ran ep_find first and returned
     * -EEXIST; here the descent itself stops at an equal key.
     *
     * @return false, and the tree unchanged, if key is already present
     */
    public boolean insert(K key, V value) {
        Objects.requireNonNull(key, "key");
        Entry<K, V> parent = null;
        boolean left = false;
        Entry<K, V> p = root;
        while (p != null) {
            parent = p;
            int kcmp = compare(key, parent.key);
            if (kcmp > 0) {
                p = parent.right;
                left = false;
            } else if (kcmp < 0) {
                p = parent.left;
                left = true;
            } else {
                return false;
            }
        }
        // rb_link_node
        Entry<K, V> node = new Entry<>(key, value, parent);
        if (parent == null)
            root = node;
        else if (left)
            parent.left = node;
        else
            parent.right = node;
        size++;
        modCount++;
        observer.linked(key, parent == null ? null : parent.key, left);

        insertColor(node);
        return true;
    }

    /**
     * {@code rb_erase} (lib/rbtree.c): {@code __rb_erase_augmented} unlinks the node and says
     * where, if anywhere, a black was lost; {@code ____rb_erase_color} then restores property 5.
     *
     * @return the removed value, or null if key was absent
     */
    public V erase(K key) {
        Entry<K, V> node = find(key);
        if (node == null)
            return null;
        Entry<K, V> rebalance = unlink(node);
        if (rebalance != null)
            eraseColor(rebalance);
        size--;
        modCount++;
        // RB_CLEAR_NODE: drop the links so a stale Node view cannot walk back into the tree
        node.left = node.right = null;
        node.parent = node;
        return node.value;
    }

    // ---- rebalancing (lib/rbtree.c; key-blind) ----

    private void setParentColor(Entry<K, V> n, Entry<K, V> parent, Color color, String caseName) {
        n.parent = parent;
        setColor(n, color, caseName);
    }

    private void setColor(Entry<K, V> n, Color color, String caseName) {
        if (n.color != color) {
            n.color = color;
            observer.recolored(caseName, n.key, color);
        }
    }

    /** __rb_change_child: point whoever pointed at old (its parent, or the root) at replacement. */
    private void changeChild(Entry<K, V> old, Entry<K, V> replacement, Entry<K, V> parent) {
        if (parent != null) {
            if (parent.left == old)
                parent.left = replacement;
            else
                parent.right = replacement;
        } else {
            root = replacement;
        }
    }

    /**
     * {@code __rb_rotate_set_parents}, the tail shared by rotations:
     * old's parent and color get assigned to replacement; old gets replacement as a parent and
     * {@code color} as a color.
     */
    private void rotateSetParents(Entry<K, V> old, Entry<K, V> replacement, Color color, String caseName) {
        Entry<K, V> parent = old.parent;
        replacement.parent = parent;
        setColor(replacement, old.color, caseName);
        setParentColor(old, replacement, color, caseName);
        changeChild(old, replacement, parent);
    }

    /**
     * {@code __rb_insert} (lib/rbtree.c), as called by {@code rb_insert_color}: node has just been
     * linked red; walk up fixing the red-red violations.
     */
    private void insertColor(Entry<K, V> node) {
        Entry<K, V> parent = node.parent, gparent, tmp;

        while (true) {
            /*
             * Loop invariant: node is red.
             */
            assert node.color == RED;
            if (parent == null) {
                /*
                 * The inserted node is root. Either this is the
                 * first node, or we recursed at Case 1 below and
                 * are no longer violating 4).
                 */
                setParentColor(node, null, BLACK, ROOT_IS_BLACK);
                break;
            }

            /*
             * If there is a black parent, we are done.
             * Otherwise, take some corrective action as,
             * per 4), we don't want a red root or two
             * consecutive red nodes.
             */
            if (parent.color == BLACK)
                break;

            // a red parent is never the root, so gparent exists (and is black, by 4)
            gparent = parent.parent;
            assert gparent != null && gparent.color == BLACK;

            tmp = gparent.right;
            if (parent != tmp) { /* parent == gparent->rb_left */
                if (colorOf(tmp) == RED) {
                    /*
                     * Case 1 - node's uncle is red (color flips).
                     *
                     *       G            g
                     *      / \          / \
                     *     p   u  -->   P   U
                     *    /            /
                     *   n            n
                     *
                     * However, since g's parent might be red, and
                     * 4) does not allow this, we need to recurse
                     * at g.
                     */
                    setParentColor(tmp, gparent, BLACK, INSERT_CASE_1);
                    setParentColor(parent, gparent, BLACK, INSERT_CASE_1);
                    node = gparent;
                    parent = node.parent;
                    setParentColor(node, parent, RED, INSERT_CASE_1);
                    continue;
                }

                tmp = parent.right;
                if (node == tmp) {
                    /*
                     * Case 2 - node's uncle is black and node is
                     * the parent's right child (left rotate at parent).
                     *
                     *      G             G
                     *     / \           / \
                     *    p   U  -->    n   U
                     *     \           /
                     *      n         p
                     *
                     * This still leaves us in violation of 4), the
                     * continuation into Case 3 will fix that.
                     */
                    observer.rotated(INSERT_CASE_2, parent.key, true);
                    tmp = node.left;
                    parent.right = tmp;
                    node.left = parent;
                    if (tmp != null)
                        setParentColor(tmp, parent, BLACK, INSERT_CASE_2);
                    setParentColor(parent, node, RED, INSERT_CASE_2);
                    // node.parent still says parent: Case 3's rotateSetParents overwrites it
                    parent = node;
                    tmp = node.right;
                }

                /*
                 * Case 3 - node's uncle is black and node is
                 * the parent's left child (right rotate at gparent).
                 *
                 *        G           P
                 *       / \         / \
                 *      p   U  -->  n   g
                 *     /                 \
                 *    n                   U
                 */
                observer.rotated(INSERT_CASE_3, gparent.key, false);
                gparent.left = tmp; /* == parent->rb_right */
                parent.right = gparent;
                if (tmp != null)
                    setParentColor(tmp, gparent, BLACK, INSERT_CASE_3);
                rotateSetParents(gparent, parent, RED, INSERT_CASE_3);
                break;
            } else {
                tmp = gparent.left;
                if (colorOf(tmp) == RED) {
                    /* Case 1 - color flips */
                    setParentColor(tmp, gparent, BLACK, INSERT_CASE_1_MIRROR);
                    setParentColor(parent, gparent, BLACK, INSERT_CASE_1_MIRROR);
                    node = gparent;
                    parent = node.parent;
                    setParentColor(node, parent, RED, INSERT_CASE_1_MIRROR);
                    continue;
                }

                tmp = parent.left;
                if (node == tmp) {
                    /* Case 2 - right rotate at parent */
                    observer.rotated(INSERT_CASE_2_MIRROR, parent.key, false);
                    tmp = node.right;
                    parent.left = tmp;
                    node.right = parent;
                    if (tmp != null)
                        setParentColor(tmp, parent, BLACK, INSERT_CASE_2_MIRROR);
                    setParentColor(parent, node, RED, INSERT_CASE_2_MIRROR);
                    parent = node;
                    tmp = node.left;
                }

                /* Case 3 - left rotate at gparent */
                observer.rotated(INSERT_CASE_3_MIRROR, gparent.key, true);
                gparent.right = tmp; /* == parent->rb_left */
                parent.left = gparent;
                if (tmp != null)
                    setParentColor(tmp, gparent, BLACK, INSERT_CASE_3_MIRROR);
                rotateSetParents(gparent, parent, RED, INSERT_CASE_3_MIRROR);
                break;
            }
        }
    }

    /**
     * {@code __rb_erase_augmented} (include/linux/rbtree_augmented.h) without the augment
     * callbacks: take node out, putting its only child or its in-order successor in its place.
     *
     * @return the parent under which one black is now missing (to hand to
     *         {@code ____rb_erase_color}), or null when the unlink kept property 5 by itself
     */
    private Entry<K, V> unlink(Entry<K, V> node) {
        assert !node.detached() : "erasing a node that is not in the tree";
        observer.erased(node.key);

        Entry<K, V> child = node.right;
        Entry<K, V> tmp = node.left;
        Entry<K, V> parent, rebalance;
        Color pc;

        if (tmp == null) {
            /*
             * Case 1: node to erase has no more than 1 child (easy!)
             *
             * Note that if there is one child it must be red due to 5)
             * and node must be black due to 4). We adjust colors locally
             * so as to bypass __rb_erase_color() later on.
             */
            pc = node.color;
            parent = node.parent;
            changeChild(node, child, parent);
            if (child != null) {
                assert child.color == RED && pc == BLACK;
                setParentColor(child, parent, pc, UNLINK_CASE_1);
                rebalance = null;
            } else {
                // a black leaf took one black off every path through it
                rebalance = pc == BLACK ? parent : null;
            }
        } else if (child == null) {
            /* Still case 1, but this time the child is node->rb_left */
            assert tmp.color == RED && node.color == BLACK;
            pc = node.color;
            parent = node.parent;
            setParentColor(tmp, parent, pc, UNLINK_STILL_CASE_1);
            changeChild(node, tmp, parent);
            rebalance = null;
        } else {
            Entry<K, V> successor = child, child2;
            String caseName;

            tmp = child.left;
            if (tmp == null) {
                /*
                 * Case 2: node's successor is its right child
                 *
                 *    (n)          (s)
                 *    / \          / \
                 *  (x) (s)  ->  (x) (c)
                 *        \
                 *        (c)
                 */
                caseName = UNLINK_CASE_2;
                parent = successor;
                child2 = successor.right;
            } else {
                /*
                 * Case 3: node's successor is leftmost under
                 * node's right child subtree
                 *
                 *    (n)          (s)
                 *    / \          / \
                 *  (x) (y)  ->  (x) (y)
                 *      /            /
                 *    (p)          (p)
                 *    /            /
                 *  (s)          (c)
                 *    \
                 *    (c)
                 */
                caseName = UNLINK_CASE_3;
                do {
                    parent = successor;
                    successor = tmp;
                    tmp = tmp.left;
                } while (tmp != null);
                child2 = successor.right;
                parent.left = child2;
                successor.right = child;
                child.parent = successor;
            }

            tmp = node.left;
            successor.left = tmp;
            tmp.parent = successor;

            pc = node.color;
            tmp = node.parent;
            changeChild(node, successor, tmp);

            if (child2 != null) {
                // successor's lone child is red (5), and blackening it pays back successor's black
                setParentColor(child2, parent, BLACK, caseName);
                rebalance = null;
            } else {
                rebalance = successor.color == BLACK ? parent : null;
            }
            // successor takes over node's place and color, so only its old spot changed blackness
            setParentColor(successor, tmp, pc, caseName);
        }
        return rebalance;
    }

    /**
     * {@code ____rb_erase_color} (lib/rbtree.c), as called by {@code rb_erase}: paths through
     * parent's {@code node} side have one black too few; rotate and recolor until they don't.
     */
    private void eraseColor(Entry<K, V> parent) {
        Entry<K, V> node = null, sibling, tmp1, tmp2;

        while (true) {
            /*
             * Loop invariants:
             * - node is black (or NULL on first iteration)
             * - node is not the root (parent is not NULL)
             * - All leaf paths going through parent and node have a
             *   black node count that is 1 lower than other leaf paths.
             */
            assert parent != null && colorOf(node) == BLACK;
            sibling = parent.right;
            if (node != sibling) { /* node == parent->rb_left */
                // the other side has one black more than node's side, so it is not empty
                assert sibling != null;
                if (sibling.color == RED) {
                    /*
                     * Case 1 - left rotate at parent
                     *
                     *     P               S
                     *    / \             / \
                     *   N   s    -->    p   Sr
                     *      / \         / \
                     *     Sl  Sr      N   Sl
                     */
                    observer.rotated(ERASE_CASE_1, parent.key, true);
                    tmp1 = sibling.left;
                    parent.right = tmp1;
                    sibling.left = parent;
                    setParentColor(tmp1, parent, BLACK, ERASE_CASE_1);
                    rotateSetParents(parent, sibling, RED, ERASE_CASE_1);
                    sibling = tmp1;
                }
                tmp1 = sibling.right;
                if (colorOf(tmp1) == BLACK) {
                    tmp2 = sibling.left;
                    if (colorOf(tmp2) == BLACK) {
                        /*
                         * Case 2 - sibling color flip
                         * (p could be either color here)
                         *
                         *    (p)           (p)
                         *    / \           / \
                         *   N   S    -->  N   s
                         *      / \           / \
                         *     Sl  Sr        Sl  Sr
                         *
                         * This leaves us violating 5) which
                         * can be fixed by flipping p to black
                         * if it was red, or by recursing at p.
                         * p is red when coming from Case 1.
                         */
                        setParentColor(sibling, parent, RED, ERASE_CASE_2);
                        if (parent.color == RED) {
                            setColor(parent, BLACK, ERASE_CASE_2);
                        } else {
                            node = parent;
                            parent = node.parent;
                            if (parent != null)
                                continue;
                        }
                        break;
                    }
                    /*
                     * Case 3 - right rotate at sibling
                     * (p could be either color here)
                     *
                     *   (p)           (p)
                     *   / \           / \
                     *  N   S    -->  N   sl
                     *     / \             \
                     *    sl  Sr            S
                     *                       \
                     *                        Sr
                     *
                     * Note: p might be red, and then both
                     * p and sl are red after rotation (which
                     * breaks property 4). This is fixed in
                     * Case 4 (in __rb_rotate_set_parents()
                     *         which set sl the color of p
                     *         and set p RB_BLACK)
                     */
                    observer.rotated(ERASE_CASE_3, sibling.key, false);
                    tmp1 = tmp2.right;
                    sibling.left = tmp1;
                    tmp2.right = sibling;
                    parent.right = tmp2;
                    if (tmp1 != null)
                        setParentColor(tmp1, sibling, BLACK, ERASE_CASE_3);
                    // sibling's and tmp2's parent pointers are left stale on purpose, as in
                    // the kernel: Case 4 rewrites both
                    tmp1 = sibling;
                    sibling = tmp2;
                }
                /*
                 * Case 4 - left rotate at parent + color flips
                 * (p and sl could be either color here.
                 *  After rotation, p becomes black, s acquires
                 *  p's color, and sl keeps its color)
                 *
                 *      (p)             (s)
                 *      / \             / \
                 *     N   S     -->   P   Sr
                 *        / \         / \
                 *      (sl) sr      N  (sl)
                 */
                observer.rotated(ERASE_CASE_4, parent.key, true);
                tmp2 = sibling.left;
                parent.right = tmp2;
                sibling.left = parent;
                setParentColor(tmp1, sibling, BLACK, ERASE_CASE_4);
                if (tmp2 != null)
                    tmp2.parent = parent;
                rotateSetParents(parent, sibling, BLACK, ERASE_CASE_4);
                break;
            } else {
                sibling = parent.left;
                assert sibling != null;
                if (sibling.color == RED) {
                    /* Case 1 - right rotate at parent */
                    observer.rotated(ERASE_CASE_1_MIRROR, parent.key, false);
                    tmp1 = sibling.right;
                    parent.left = tmp1;
                    sibling.right = parent;
                    setParentColor(tmp1, parent, BLACK, ERASE_CASE_1_MIRROR);
                    rotateSetParents(parent, sibling, RED, ERASE_CASE_1_MIRROR);
                    sibling = tmp1;
                }
                tmp1 = sibling.left;
                if (colorOf(tmp1) == BLACK) {
                    tmp2 = sibling.right;
                    if (colorOf(tmp2) == BLACK) {
                        /* Case 2 - sibling color flip */
                        setParentColor(sibling, parent, RED, ERASE_CASE_2_MIRROR);
                        if (parent.color == RED) {
                            setColor(parent, BLACK, ERASE_CASE_2_MIRROR);
                        } else {
                            node = parent;
                            parent = node.parent;
                            if (parent != null)
                                continue;
                        }
                        break;
                    }
                    /* Case 3 - left rotate at sibling */
                    observer.rotated(ERASE_CASE_3_MIRROR, sibling.key, true);
                    tmp1 = tmp2.left;
                    sibling.right = tmp1;
                    tmp2.left = sibling;
                    parent.left = tmp2;
                    if (tmp1 != null)
                        setParentColor(tmp1, sibling, BLACK, ERASE_CASE_3_MIRROR);
                    tmp1 = sibling;
                    sibling = tmp2;
                }
                /* Case 4 - right rotate at parent + color flips */
                observer.rotated(ERASE_CASE_4_MIRROR, parent.key, false);
                tmp2 = sibling.right;
                parent.left = tmp2;
                sibling.right = parent;
                setParentColor(tmp1, sibling, BLACK, ERASE_CASE_4_MIRROR);
                if (tmp2 != null)
                    tmp2.parent = parent;
                rotateSetParents(parent, sibling, BLACK, ERASE_CASE_4_MIRROR);
                break;
            }
        }
    }

    // ---- views ----

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The root, or null when empty. */
    public Node<K, V> root() {
        return root;
    }

    /** {@code rb_first}: the leftmost node, or null when empty. */
    public Node<K, V> first() {
        return leftmost(root);
    }

    private static <K, V> Entry<K, V> leftmost(Entry<K, V> n) {
        if (n == null)
            return null;
        while (n.left != null)
            n = n.left;
        return n;
    }

    /**
     * {@code rb_next}: the in-order successor of a node of this tree, or null at the end. Like
     * the kernel (RB_EMPTY_NODE), a node that has since been erased has no successor.
     *
     * @throws IllegalArgumentException if node is not a node handed out by an RbTree
     */
    public Node<K, V> next(Node<K, V> node) {
        Objects.requireNonNull(node, "node");
        if (!(node instanceof Entry<K, V> e))
            throw new IllegalArgumentException("not a node of an RbTree: " + node);
        if (e.detached())
            return null;
        assert ownedHere(e) : "node " + e.key + " belongs to another tree";
        return successor(e);
    }

    /** Walks up to e's root: O(log n), only ever evaluated inside assert. */
    private boolean ownedHere(Entry<K, V> e) {
        Entry<K, V> n = e;
        while (parentOf(n) != null)
            n = n.parent;
        return n == root;
    }

    private static <K, V> Entry<K, V> successor(Entry<K, V> node) {
        /*
         * If we have a right-hand child, go down and then left as far
         * as we can.
         */
        if (node.right != null)
            return leftmost(node.right);

        /*
         * No right-hand children. Everything down and left is smaller than us,
         * so any 'next' node must be in the general direction of our parent.
         * Go up the tree; any time the ancestor is a right-hand child of its
         * parent, keep going up. First time it's a left-hand child of its
         * parent, said parent is our 'next' node.
         */
        Entry<K, V> parent;
        while ((parent = parentOf(node)) != null && node == rightOf(parent))
            node = parent;
        return parent;
    }

    /**
     * Calls action for each entry in key order (rb_first / rb_next).
     *
     * @throws ConcurrentModificationException if action inserts or erases
     */
    public void forEachInOrder(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        int expected = modCount;
        for (Entry<K, V> n = leftmost(root); n != null; n = successor(n)) {
            action.accept(n.key, n.value);
            if (modCount != expected)
                throw new ConcurrentModificationException("RbTree changed during forEachInOrder");
        }
    }

    /** The keys in order, as a fresh list. */
    public List<K> keysInOrder() {
        List<K> keys = new ArrayList<>(size);
        for (Entry<K, V> n = leftmost(root); n != null; n = successor(n))
            keys.add(n.key);
        return keys;
    }

    /** The longest root-to-leaf path, counted in nodes (0 when empty). At most 2*log2(n+1). */
    public int height() {
        return height(root);
    }

    // recursion depth is the height itself, at most ~2*log2(n+1), i.e. 60 for 2^30 nodes
    private static <K, V> int height(Entry<K, V> n) {
        return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right));
    }

    /**
     * The black nodes on any root-to-null path, not counting the null leaves (0 when empty). Any
     * path will do by property 5; this one follows left children.
     */
    public int blackHeight() {
        int black = 0;
        for (Entry<K, V> n = root; n != null; n = leftOf(n))
            if (colorOf(n) == BLACK)
                black++;
        return black;
    }

    // ---- checking ----

    /**
     * Checks all five red-black properties, the parent pointers, the BST order (strictly
     * increasing under the comparator) and the size.
     *
     * @throws IllegalStateException naming the broken property and the key where it broke
     */
    public void checkInvariants() {
        if (root == null) {
            if (size != 0)
                throw new IllegalStateException("size is " + size + " but the tree is empty");
            return;
        }
        if (root.parent != null)
            throw broken("parent pointers", root, "the root's parent is " + describe(root.parent) + ", not null");
        if (root.color != BLACK)
            throw broken("property 2 (the root is black)", root, "the root is " + root.color);
        int[] count = new int[1];
        check(root, null, null, count);
        if (count[0] != size)
            throw new IllegalStateException("size is " + size + " but the tree holds " + count[0] + " nodes");
    }

    /**
     * Checks the subtree at n, whose keys must lie strictly between lo and hi (null: unbounded).
     * Property 3 (null leaves are black) holds by construction: colorOf(null) is BLACK.
     *
     * @return its black height, null leaves not counted
     */
    private int check(Entry<K, V> n, Entry<K, V> lo, Entry<K, V> hi, int[] count) {
        if (n == null)
            return 0;
        if (++count[0] > size)
            throw new IllegalStateException("the tree holds more than size=" + size + " nodes (a cycle?), found at key " + n.key);
        if (n.color == null)
            throw broken("property 1 (a node is either red or black)", n, "the node has no color");
        if (lo != null && comparator.compare(lo.key, n.key) >= 0)
            throw broken("BST order", n, "it lies right of " + lo.key + " but does not compare greater");
        if (hi != null && comparator.compare(n.key, hi.key) >= 0)
            throw broken("BST order", n, "it lies left of " + hi.key + " but does not compare smaller");
        checkChild(n, n.left);
        checkChild(n, n.right);
        int leftBlack = check(n.left, lo, n, count);
        int rightBlack = check(n.right, n, hi, count);
        if (leftBlack != rightBlack)
            throw broken("property 5 (every path from a node to its leaves has the same number of black nodes)", n,
                "black height " + leftBlack + " on the left, " + rightBlack + " on the right");
        return leftBlack + (n.color == BLACK ? 1 : 0);
    }

    private static <K, V> void checkChild(Entry<K, V> n, Entry<K, V> child) {
        if (child == null)
            return;
        if (child.parent != n)
            throw broken("parent pointers", child, "its parent pointer names " + describe(child.parent)
                + " but it hangs under " + n.key);
        if (n.color == RED && child.color == RED)
            throw broken("property 4 (both children of every red node are black)", n,
                "red node has red child " + child.key);
    }

    private static <K, V> String describe(Entry<K, V> n) {
        return n == null ? "null" : n.detached() ? "itself" : String.valueOf(n.key);
    }

    private static IllegalStateException broken(String property, Entry<?, ?> at, String detail) {
        return new IllegalStateException(property + " broken at key " + at.key + ": " + detail);
    }

    // ---- test hooks ----

    /** Flips one node's color without fixing anything up, so tests can see checkInvariants object. */
    void corruptColorForTest(K key) {
        Entry<K, V> e = find(key);
        if (e == null)
            throw new IllegalArgumentException("no key " + key);
        e.color = e.color == RED ? BLACK : RED;
    }

    /** Points one node's parent pointer at itself, so tests can see checkInvariants object. */
    void corruptParentForTest(K key) {
        Entry<K, V> e = find(key);
        if (e == null)
            throw new IllegalArgumentException("no key " + key);
        e.parent = e;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RbTree");
        appendTo(sb, root);
        return sb.toString();
    }

    // bracketed preorder, e.g. [2(B)[1(r)][3(r)]]; recursion depth is the height
    private static <K, V> void appendTo(StringBuilder sb, Entry<K, V> n) {
        sb.append('[');
        if (n != null) {
            sb.append(n);
            if (n.left != null || n.right != null) {
                appendTo(sb, n.left);
                appendTo(sb, n.right);
            }
        }
        sb.append(']');
    }
}
