package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's thread with a file table of its own: what it sees, what the JVM sees, and what is left when it ends. */
class OwnFileTableTest {

    @BeforeEach
    void linux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
    }

    /** The fds of a file table, read from /proc: the process's (its leader's table) or the calling thread's. */
    private static Set<Integer> fds(String dir) {
        String[] names = new File(dir).list();
        assertThat(names).as(dir).isNotNull();
        return Arrays.stream(names).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void fdsOpenedOnTheOwnTableAreNotTheJvmsAndAreClosedWithTheThread() {
        Set<Integer> before = fds("/proc/self/fd");
        OwnFileTable.Outcome<int[]> o = OwnFileTable.call("own-table-test", true, () -> {
            int[] pipe = new int[2];
            assertThat(LinuxSyscalls.pipe2(pipe, LinuxSyscalls.O_CLOEXEC)).isZero();
            // the thread's own table has the pipe; the process's (the main thread's) does not
            assertThat(fds("/proc/thread-self/fd")).contains(pipe[0], pipe[1]);
            assertThat(fds("/proc/self/fd")).doesNotContain(pipe[0], pipe[1]);
            // the copy still holds what the JVM had open before (all but, at most, the fd that listed them)
            Set<Integer> mine = fds("/proc/thread-self/fd");
            assertThat(before.stream().filter(fd -> !mine.contains(fd)).count()).isLessThanOrEqualTo(1);
            return pipe; // left open on purpose: the kernel closes it with the thread's table
        });
        assertThat(o.own()).isTrue();
        assertThat(o.why()).isNull();
        assertThat(fds("/proc/self/fd")).isEqualTo(before);
    }

    @Test
    void sharedWhenAskedAndTheFdsAreThenTheJvms() {
        OwnFileTable.Outcome<Integer> o = OwnFileTable.call("shared-table-test", false, () -> {
            int[] pipe = new int[2];
            assertThat(LinuxSyscalls.pipe2(pipe, LinuxSyscalls.O_CLOEXEC)).isZero();
            boolean seen = fds("/proc/self/fd").contains(pipe[0]);
            LinuxSyscalls.close(pipe[0]);
            LinuxSyscalls.close(pipe[1]);
            return seen ? 1 : 0;
        });
        assertThat(o.own()).isFalse();
        assertThat(o.why()).contains("share");
        assertThat(o.value()).isEqualTo(1);
    }

    @Test
    void theWorksExceptionReachesTheCallerAndItsFdsAreClosedAllTheSame() {
        Set<Integer> before = fds("/proc/self/fd");
        assertThatThrownBy(() -> OwnFileTable.call("own-table-throws", true, () -> {
            Bench b = new Bench(50, false);
            throw new IllegalStateException("work failed with " + b.maxFd());
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("work failed with ");
        assertThat(fds("/proc/self/fd")).isEqualTo(before);
    }

    @Test
    void theBenchRunsOnItsOwnTable() {
        OwnFileTable.Outcome<Bench.Row> o = OwnFileTable.call("own-table-bench", true, () -> {
            Bench b = new Bench(20, false);
            try {
                return b.measure(Bench.Method.POLL, 3, 50, 2, null);
            } finally {
                b.close();
            }
        });
        assertThat(o.own()).isTrue();
        assertThat(o.value().perEventMedian()).isPositive();
    }
}
