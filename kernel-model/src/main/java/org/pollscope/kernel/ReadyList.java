package org.pollscope.kernel;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code rdllist} (and the {@code txlist} that {@code ep_start_scan} steals it into): an
 * intrusive doubly linked FIFO of epitems, O(1) to add at either end or unlink, as
 * {@code list_head} is.
 */
public final class ReadyList implements Iterable<EpItem> {
    private EpItem head, tail;
    private int size;

    public boolean isEmpty() {
        return head == null;
    }

    public int size() {
        return size;
    }

    public EpItem first() {
        return head;
    }

    /** {@code list_add_tail}. */
    void addTail(EpItem e) {
        assert !e.onReadyList : e + " is already linked";
        e.prev = tail;
        e.next = null;
        if (tail == null) head = e; else tail.next = e;
        tail = e;
        e.onReadyList = true;
        size++;
    }

    /** {@code list_add} at the head. */
    void addHead(EpItem e) {
        assert !e.onReadyList : e + " is already linked";
        e.next = head;
        e.prev = null;
        if (head == null) tail = e; else head.prev = e;
        head = e;
        e.onReadyList = true;
        size++;
    }

    /** {@code list_del_init}. */
    void remove(EpItem e) {
        assert e.onReadyList : e + " is not linked";
        if (e.prev == null) head = e.next; else e.prev.next = e.next;
        if (e.next == null) tail = e.prev; else e.next.prev = e.prev;
        e.prev = e.next = null;
        e.onReadyList = false;
        size--;
    }

    /** {@code list_splice_init(this, to)} onto an empty list: moves everything. */
    void moveAllTo(ReadyList to) {
        assert to.isEmpty();
        to.head = head;
        to.tail = tail;
        to.size = size;
        head = tail = null;
        size = 0;
    }

    /** {@code list_splice(from, this)}: puts all of {@code from} before this list's head. */
    void spliceAtHead(ReadyList from) {
        if (from.isEmpty()) return;
        from.tail.next = head;
        if (head == null) tail = from.tail; else head.prev = from.tail;
        head = from.head;
        size += from.size;
        from.head = from.tail = null;
        from.size = 0;
    }

    @Override
    public Iterator<EpItem> iterator() {
        return new Iterator<>() {
            EpItem at = head;

            public boolean hasNext() {
                return at != null;
            }

            public EpItem next() {
                if (at == null) throw new NoSuchElementException();
                EpItem e = at;
                at = at.next;
                return e;
            }
        };
    }
}
