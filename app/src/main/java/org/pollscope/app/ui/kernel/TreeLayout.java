package org.pollscope.app.ui.kernel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.pollscope.kernel.EpItem;
import org.pollscope.kernel.EpollFileFd;
import org.pollscope.kernel.RbTree;

/**
 * Where each node of an interest list goes, copied out of the tree so that the picture of one
 * step can be compared with the next (animation) after the tree has changed: shape and colours
 * are copied; what a node shows of its key and epitem (fd, file, readiness) is read from the
 * node when it is drawn (a node's key and epitem never change). A node's x is its
 * in-order rank, its y its depth: a rotation keeps the in-order sequence, so in this layout it
 * shows as nodes moving up and down and edges swinging, as in the lib/rbtree.c comments.
 * Plain Java, no toolkit: tested on its own.
 */
public final class TreeLayout {
    /** An empty tree. */
    public static final TreeLayout EMPTY = new TreeLayout(0);

    private final int n;
    private String owner = "";
    /** copied now, as the animation compares them with the next picture's */
    final boolean[] red;
    /**
     * read when drawn: following the nodes to their keys and epitems for 10,000 nodes a frame
     * costs cache misses, and one array of them costs less to write than one of keys and one of
     * epitems
     */
    final RbTree.Node<EpollFileFd, EpItem>[] node;
    final int[] depth;
    /** children by rank, -1 for none */
    final int[] left;
    final int[] right;
    /** nodes in the subtree rooted here */
    final int[] size;
    int root = -1;
    int height;
    private Map<String, Integer> byId;

    @SuppressWarnings("unchecked")
    private TreeLayout(int n) {
        this.n = n;
        red = new boolean[n];
        node = new RbTree.Node[n];
        depth = new int[n];
        left = new int[n];
        right = new int[n];
        size = new int[n];
    }

    /** {@code n} nodes in the arrays of {@code spare}, which has room for them. */
    private TreeLayout(int n, TreeLayout spare) {
        this.n = n;
        red = spare.red;
        node = spare.node;
        depth = spare.depth;
        left = spare.left;
        right = spare.right;
        size = spare.size;
        // what lies beyond n is not read, but would keep erased nodes alive
        Arrays.fill(node, n, node.length, null);
    }

    /** The layout of {@code tree} now; {@code owner} names the epoll instance (node ids are "owner/file/fd"). */
    public static TreeLayout of(String owner, RbTree<EpollFileFd, EpItem> tree) {
        return of(owner, tree, null);
    }

    /**
     * The layout of {@code tree} now, written into the arrays of {@code spare} (a layout of
     * about the same size that is no longer shown, or null): the caller gives {@code spare} up.
     * A frame of a 10,000-item tree then writes into memory the last frames used, not into
     * 200 KB of new arrays that are out of the cache.
     */
    public static TreeLayout of(String owner, RbTree<EpollFileFd, EpItem> tree, TreeLayout spare) {
        int n = tree.size();
        boolean fits = spare != null && spare.red.length >= n && spare.red.length <= n + n / 4 + 16;
        TreeLayout l = fits ? new TreeLayout(n, spare) : new TreeLayout(n);
        l.owner = owner;
        if (tree.root() != null) {
            int[] next = {0};
            l.root = l.visit(tree.root(), 0, next);
        }
        return l;
    }

    /** In order: the left subtree, this node, the right subtree; returns this node's rank. */
    private int visit(RbTree.Node<EpollFileFd, EpItem> at, int d, int[] next) {
        int l = at.left() == null ? -1 : visit(at.left(), d + 1, next);
        int me = next[0]++;
        int r = at.right() == null ? -1 : visit(at.right(), d + 1, next);
        node[me] = at;
        red[me] = at.color() == RbTree.Color.RED;
        depth[me] = d;
        left[me] = l;
        right[me] = r;
        size[me] = 1 + (l < 0 ? 0 : size[l]) + (r < 0 ? 0 : size[r]);
        height = Math.max(height, d + 1);
        return me;
    }

    public int size() {
        return n;
    }

    /** Levels: 0 for an empty tree. */
    public int height() {
        return height;
    }

    /** Rank of the root, -1 when empty. */
    public int root() {
        return root;
    }

    /** x of node {@code rank} as a fraction of the width: the middle of its in-order slot. */
    public double unitX(int rank) {
        return (rank + 0.5) / n;
    }

    public int depth(int rank) {
        return depth[rank];
    }

    public boolean red(int rank) {
        return red[rank];
    }

    /** Whether the node's epitem is linked on the ready list. */
    public boolean ready(int rank) {
        return node[rank].value().isReady();
    }

    public int fd(int rank) {
        return node[rank].key().fd();
    }

    /** "owner/file/fd": the same node in the pictures of two steps, even of two replays. */
    public String id(int rank) {
        EpollFileFd key = node[rank].key();
        return owner + "/" + key.file().label() + "/" + key.fd();
    }

    public EpollFileFd key(int rank) {
        return node[rank].key();
    }

    public int left(int rank) {
        return left[rank];
    }

    public int right(int rank) {
        return right[rank];
    }

    /** Nodes in the subtree of {@code rank}. */
    public int subtreeSize(int rank) {
        return size[rank];
    }

    /** The lowest rank in the subtree of {@code rank}. */
    public int firstRank(int rank) {
        return rank - (left[rank] < 0 ? 0 : size[left[rank]]);
    }

    /** The highest rank in the subtree of {@code rank}. */
    public int lastRank(int rank) {
        return rank + (right[rank] < 0 ? 0 : size[right[rank]]);
    }

    /** The rank of the node with this id, or -1. */
    public int rankOf(String nodeId) {
        if (byId == null) {
            byId = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) byId.put(id(i), i);
        }
        return byId.getOrDefault(nodeId, -1);
    }
}
