package org.pollscope.probe.proc;

import java.util.List;

/**
 * One epoll fd of a process and its interest list.
 *
 * @param fd          the epoll fd
 * @param items       the registrations, in the order given by {@code order}
 * @param kernelOrder true when {@code items} is in the kernel's own order, the order of the red-black
 *                    tree that {@code ep_show_fdinfo} walks: by {@code struct file} address, then fd
 *                    ({@code ep_cmp_ffd}), which is not the order of the fds; false when the order is
 *                    the fds' (a strace log cannot tell the addresses)
 * @param ready       what {@code epoll_wait} returned over time on this fd (strace only; empty otherwise)
 */
public record EpollInterest(int fd, List<Registration> items, boolean kernelOrder, List<ReadyEvent> ready) {
    public EpollInterest {
        items = List.copyOf(items);
        ready = List.copyOf(ready);
    }

    /** True when the items' fds do not go up one after another. */
    public boolean notInFdOrder() {
        for (int i = 1; i < items.size(); i++) if (items.get(i).fd() < items.get(i - 1).fd()) return true;
        return false;
    }
}
