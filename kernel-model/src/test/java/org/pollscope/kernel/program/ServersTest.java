package org.pollscope.kernel.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/** What each server does, as its measures show. */
class ServersTest {

    static Measures run(String program, int clients, int active) {
        return new Simulation(Programs.byName(program), Workload.of(clients, active, 0.5, 7)).run();
    }

    static Measures run(String program, Programs.Params params, Workload w) {
        return new Simulation(Programs.byName(program, params), w).run();
    }

    static List<String> names() {
        return Programs.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyProgramServesRequestsUnderASmallWorkload(String program) {
        // every client active, so the blocking server serves its first one at least; requests
        // smaller than a read buffer, so even the buggy edge-triggered server serves them
        Measures m = new Simulation(Programs.byName(program), Workload.of(8, 8, 0.2, 5).withRequestSize(200, 200)).run();
        assertThat(m.requests()).isGreaterThan(100);
        assertThat(m.latencyMedianMs()).isPositive();
        assertThat(m.syscallsPerRequest()).isGreaterThanOrEqualTo(2.0);   // a read and a write at least
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyProgramButTheBlockingAndTheBuggyOneServesEveryActiveClient(String program) {
        if (program.equals("blocking") || program.equals("epoll-et-buggy")) return;
        Measures m = run(program, 30, 6);
        assertThat(m.requests()).isGreaterThan(1000);
        assertThat(m.unservedClients()).isZero();
        assertThat(m.connections()).isEqualTo(30);
        assertThat(m.starvationMs()).isLessThan(1.0);
    }

    @Test
    void buggyEdgeTriggeredServerLeavesClientsUnservedWhileTheCorrectOneServesAll() {
        Measures buggy = run("epoll-et-buggy", 20, 5);
        Measures right = run("epoll-et", 20, 5);
        // a 512-byte request, a 256-byte read per edge: the second half never gets its edge
        assertThat(buggy.unservedClients()).isEqualTo(5);
        assertThat(buggy.requests()).isZero();
        assertThat(buggy.starvationMs()).isGreaterThan(400);
        assertThat(right.unservedClients()).isZero();
        assertThat(right.requests()).isGreaterThan(1000);
    }

    @Test
    void aBufferAsBigAsTheRequestHidesTheEdgeTriggeredBug() {
        Measures m = run("epoll-et-buggy", new Programs.Params(4, 512, 64), Workload.of(20, 5, 0.2, 1));
        assertThat(m.unservedClients()).isZero();
        // until a request is larger than the buffer
        Measures big = run("epoll-et-buggy", new Programs.Params(4, 512, 64), Workload.of(20, 5, 0.2, 1).withRequestSize(400, 800));
        assertThat(big.unservedClients()).isPositive();
    }

    @Test
    void fairEdgeTriggeredServerServesEveryClientWithOneReadATurn() {
        Measures fair = run("epoll-et-fair", 20, 5);
        assertThat(fair.unservedClients()).isZero();
        assertThat(fair.requests()).isGreaterThan(1000);
        // two 256-byte reads and writes per request, an EAGAIN read, epoll_waits
        assertThat(fair.syscallsPerRequest()).isGreaterThan(5);
    }

    @Test
    void withoutExclusiveEveryAcceptorWakesForAConnectionAndWithItOne() {
        Measures herd = run("acceptors", 40, 4);
        Measures one = run("acceptors-exclusive", 40, 4);
        assertThat(herd.connections()).isEqualTo(40);
        assertThat(herd.wokenPerConnection()).isEqualTo(4.0);
        assertThat(herd.maxWoken()).isEqualTo(4);
        assertThat(one.connections()).isEqualTo(40);
        assertThat(one.wokenPerConnection()).isEqualTo(1.0);
        assertThat(one.maxWoken()).isEqualTo(1);
        // the herd costs system calls: the acceptors that lost the race got EAGAIN
        assertThat(herd.syscallsPerRequest()).isGreaterThan(one.syscallsPerRequest());
    }

    @Test
    void herdGrowsWithTheNumberOfAcceptors() {
        Workload w = Workload.of(16, 2, 0.2, 1);
        assertThat(run("acceptors", new Programs.Params(8, 0, 64), w).wokenPerConnection()).isEqualTo(8.0);
        assertThat(run("acceptors", new Programs.Params(2, 0, 64), w).wokenPerConnection()).isEqualTo(2.0);
        assertThat(run("acceptors-exclusive", new Programs.Params(8, 0, 64), w).wokenPerConnection()).isEqualTo(1.0);
    }

    /**
     * Kernel work ({@link CostMeter} units) of one select, poll or epoll_wait of the server, on
     * average, with one client sending now and then and {@code idle} idle ones; only the calls
     * made once every client is connected, when each call finds nothing, sleeps, and visits
     * every fd again when woken.
     */
    static double waitWorkOnceConnected(String program, int idle) {
        Simulation sim = new Simulation(Programs.byName(program), Workload.of(1 + idle, 1, 1.0, 7).withThinkMs(10));
        long connected = (idle + 1) * Simulation.CONNECT_INTERVAL_NANOS + 1_000_000L;
        int serverPid = sim.serverProcess().pid();
        Set<Integer> serverTids = new HashSet<>();
        long[] work = new long[2];   // units, calls
        CostMeter meter = new CostMeter().onCall(c -> {
            if (sim.kernel.now() > connected && serverTids.contains(c.tid())
                && (c.call().equals("select") || c.call().equals("poll") || c.call().equals("epoll_wait"))) {
                work[0] += c.cost().total();
                work[1]++;
            }
        });
        sim.kernel.trace().addListener(e -> {
            if (e instanceof TraceEvent.SyscallEnter s && s.pid() == serverPid) serverTids.add(s.tid());
            meter.accept(e);
        });
        sim.run();
        assertThat(work[1]).as("calls").isGreaterThan(50);
        return work[0] / (double) work[1];
    }

    @Test
    void selectAndPollWorkPerCallGrowsLinearlyWithIdleClientsEpollsDoesNot() {
        for (String p : new String[] {"select", "poll"}) {
            double w10 = waitWorkOnceConnected(p, 10);
            double w500 = waitWorkOnceConnected(p, 500);
            double w1000 = waitWorkOnceConnected(p, 1000);
            // two visits of every fd per call, and the copies: two units or more per idle client
            assertThat(w1000 - w10).as(p).isGreaterThan(2 * 990);
            assertThat(w1000 / w10).as(p).isGreaterThan(30);
            // a straight line: as much more from 500 to 1000 idle clients as from 10 to 500, per client
            assertThat((w1000 - w500) / 500).as(p).isCloseTo((w500 - w10) / 490, within(0.02 * (w500 - w10) / 490));
        }
        double e10 = waitWorkOnceConnected("epoll-lt", 10);
        double e1000 = waitWorkOnceConnected("epoll-lt", 1000);
        assertThat(e1000).isEqualTo(e10);
        assertThat(e1000).isLessThan(5);
        // and over the whole run, connecting included, as the measures report it
        assertThat(run("poll", 1010, 10).waitCallWork()).isGreaterThan(20 * run("poll", 20, 10).waitCallWork());
        assertThat(run("epoll-lt", 1010, 10).waitCallWork()).isLessThan(1.2 * run("epoll-lt", 20, 10).waitCallWork());
    }

    @Test
    void idleClientsMakePollSlowerToAnswerButNotEpoll() {
        // select and poll visit every fd on every call, and a visit costs simulated CPU time
        double pollFew = run("poll", 20, 10).latencyMedianMs();
        double pollMany = run("poll", 1000, 10).latencyMedianMs();
        double epollFew = run("epoll-lt", 20, 10).latencyMedianMs();
        double epollMany = run("epoll-lt", 1000, 10).latencyMedianMs();
        assertThat(pollMany).isGreaterThan(pollFew * 10);
        assertThat(epollMany).isLessThan(epollFew * 2);
        assertThat(pollMany).isGreaterThan(epollMany * 10);
    }

    @Test
    void blockingServerServesOnlyItsFirstClient() {
        Measures m = new Simulation(Programs.byName("blocking"), Workload.of(10, 10, 0.5, 3)).run();
        assertThat(m.connections()).isEqualTo(1);
        assertThat(m.requests()).isPositive();
        assertThat(m.unservedClients()).isEqualTo(9);
    }

    @Test
    void blockingServerTakesTheNextClientWhenOneLeaves() {
        Measures m = new Simulation(Programs.byName("blocking"), Workload.of(3, 3, 2.0, 3).withChurnPerSecond(20)).run();
        assertThat(m.connections()).isGreaterThan(3);
    }

    @Test
    void blockingServerLeavesClientsPastTheBacklogRefused() {
        Measures m = new Simulation(Programs.byName("blocking"), Workload.of(200, 0, 0.2, 3)).run();
        assertThat(m.refusedConnects()).isPositive();
        assertThat(m.connections()).isEqualTo(1);
    }

    @Test
    void threadPerClientRunsAThreadPerClient() {
        Simulation sim = new Simulation(Programs.byName("thread-per-client"), Workload.of(25, 5, 0.1, 1));
        sim.run();
        assertThat(sim.serverProcess().threads()).hasSize(26);
        assertThat(sim.clientProcess().threads()).hasSize(25);
    }

    /**
     * The blocking servers sleep on their sockets' wait queues with their own entries
     * (sk_wait_data, inet_csk_wait_for_connect): the kernel visits no fd for them and hooks no
     * pollwake; what wakes a thread is its socket's wake-up calling the thread's wake function.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"blocking", "thread-per-client"})
    void blockingServersSleepOnTheSocketsWaitQueueWithoutAPollTable(String program) {
        Simulation sim = new Simulation(Programs.byName(program), Workload.of(6, 6, 0.05, 1), true);
        CostMeter meter = new CostMeter();
        sim.kernel.trace().addListener(meter);
        Measures m = sim.run();
        assertThat(m.requests()).isPositive();
        assertThat(meter.total().fdsVisited()).isZero();
        Set<String> entries = new HashSet<>();
        Set<String> wakeFunctions = new HashSet<>();
        for (TraceEvent e : sim.kernel.trace().events()) {
            if (e instanceof TraceEvent.WaitAdd w && w.entry().contains("_wake_function T")) {
                entries.add(w.entry().replaceAll(" T\\d+", " T") + (w.exclusive() ? " exclusive" : ""));
            }
            if (e instanceof TraceEvent.Callback c) wakeFunctions.add(c.function());
        }
        assertThat(entries).contains("autoremove_wake_function T (accept4) exclusive", "woken_wake_function T (read)");
        assertThat(wakeFunctions).doesNotContain("pollwake").contains("woken_wake_function");
    }

    @Test
    void selectServerClosesClientsWhoseFdDoesNotFitAnFdSet() {
        Measures m = new Simulation(Programs.byName("select"), Workload.of(1100, 0, 0.1, 1)).run();
        assertThat(m.connections()).isEqualTo(1100);
        // fd 0 is the listener: clients on fds 1 to 1023 stay
        assertThat(m.closedByServer()).isEqualTo(1100 - (Linux.FD_SETSIZE - 1));
    }

    @Test
    void oneshotPoolSpreadsTheClientsOverItsWorkersUnderLoad() {
        // ep_poll queues its waiters at the head (LIFO): under a light load the worker that went
        // to sleep last takes the next event and one worker may never get any; under load all work
        Simulation sim = new Simulation(Programs.byName("oneshot-pool"), Workload.of(40, 40, 0.3, 2).withThinkMs(0.01));
        Map<Integer, Integer> readsByThread = new HashMap<>();
        int serverPid = sim.serverProcess().pid();
        sim.kernel.trace().addListener(e -> {
            if (e instanceof TraceEvent.SyscallExit x && x.pid() == serverPid && x.call().equals("read") && x.ret() > 0) {
                readsByThread.merge(x.tid(), 1, Integer::sum);
            }
        });
        Measures m = sim.run();
        assertThat(m.unservedClients()).isZero();
        assertThat(readsByThread).hasSize(4);
    }

    @Test
    void oneshotPoolNeverReportsAnFdToASecondWorkerBeforeItIsRearmed() {
        Simulation sim = new Simulation(Programs.byName("oneshot-pool"), Workload.of(30, 30, 0.1, 2), true);
        int serverPid = sim.serverProcess().pid();
        Map<Integer, Integer> heldBy = new HashMap<>();   // fd -> worker tid, from epoll_wait to re-arm or close
        Set<String> violations = new HashSet<>();
        sim.kernel.trace().addListener(e -> {
            if (e instanceof TraceEvent.SyscallExit x && x.pid() == serverPid && x.call().equals("epoll_wait") && x.ret() == 1) {
                // detail: [{EPOLLIN, 5}]
                String d = x.detail();
                int fd = Integer.parseInt(d.substring(d.lastIndexOf(", ") + 2, d.indexOf('}')));
                Integer other = heldBy.put(fd, x.tid());
                if (other != null) violations.add("fd " + fd + " to T" + x.tid() + " while T" + other + " holds it");
            } else if (e instanceof TraceEvent.SyscallEnter s && s.pid() == serverPid
                && (s.call().equals("close") || s.call().equals("epoll_ctl") && s.args().contains("EPOLL_CTL_MOD"))) {
                String fd = s.call().equals("close") ? s.args() : s.args().split(", ")[2];
                heldBy.remove(Integer.parseInt(fd));
            }
        });
        Measures m = sim.run();
        assertThat(m.requests()).isGreaterThan(100);
        assertThat(violations).isEmpty();
    }

    @Test
    void coroutineHubSleepsOnlyInEpollWaitOnOneThread() {
        Simulation sim = new Simulation(Programs.byName("coroutine-hub"), Workload.of(30, 10, 0.2, 3), true);
        Measures m = sim.run();
        assertThat(m.unservedClients()).isZero();
        assertThat(sim.serverProcess().threads()).hasSize(1);
        int tid = sim.server.tid();
        assertThat(sim.kernel.trace().events()).filteredOn(e -> e instanceof TraceEvent.Sleep && e.tid() == tid)
            .isNotEmpty().allSatisfy(e -> assertThat(((TraceEvent.Sleep) e).call()).isEqualTo("epoll_wait"));
        // a greenlet that found EAGAIN registered its fd with the hub, then re-armed it
        assertThat(sim.kernel.trace().events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TraceEvent.SyscallEnter.class,
            s -> assertThat(s.args()).contains("EPOLL_CTL_MOD").contains("EPOLLONESHOT")));
    }

    @Test
    void levelTriggeredServerReadsOncePerEventAndIsReportedAgain() {
        // 2000-byte requests, 512-byte reads: four events per request, each with one read
        Measures m = run("epoll-lt", new Programs.Params(1, 512, 64), Workload.of(10, 5, 0.2, 1).withRequestSize(2000, 2000));
        assertThat(m.unservedClients()).isZero();
        assertThat(m.syscallsPerRequest()).isGreaterThan(8);
    }
}
