package org.pollscope.kernel.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.trace.TraceEvent;

/** The registry, the listings, and the line each thread is on. */
class ProgramsTest {

    static List<String> names() {
        return Programs.names();
    }

    @Test
    void everyProgramHasANameADescriptionAndAListing() {
        assertThat(Programs.names()).containsExactly("blocking", "thread-per-client", "select", "poll", "epoll-lt", "epoll-et",
            "epoll-et-buggy", "epoll-et-fair", "oneshot-pool", "acceptors", "acceptors-exclusive", "coroutine-hub");
        assertThat(Programs.all()).hasSize(12).allSatisfy(p -> {
            assertThat(p.listing()).isNotEmpty().allSatisfy(l -> assertThat(l).isNotBlank());
            assertThat(p.description()).isNotBlank().doesNotContain("\n");
            assertThat(Programs.byName(p.name()).name()).isEqualTo(p.name());
        });
        assertThat(Programs.byName("epoll")).isNull();
    }

    @Test
    void listingsShowTheirParameters() {
        Programs.Params params = new Programs.Params(6, 1024, 16);
        assertThat(String.join("\n", Programs.byName("epoll-lt", params).listing()))
            .contains("char buf[1024];").contains("epoll_wait(ep, ev, 16, -1)");
        assertThat(Programs.byName("oneshot-pool", params).description()).startsWith("6 worker threads");
        assertThat(String.join("\n", Programs.byName("acceptors-exclusive").listing())).contains("EPOLLIN | EPOLLEXCLUSIVE");
        assertThat(String.join("\n", Programs.byName("acceptors").listing())).doesNotContain("EPOLLEXCLUSIVE");
    }

    @Test
    void badParametersAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new Programs.Params(0, 0, 64)).hasMessage("threads must be 1 to 1024, found 0");
        assertThatThrownBy(() -> new Programs.Params(4, -1, 64)).hasMessageStartingWith("buffer must be");
        assertThatThrownBy(() -> new Programs.Params(4, 0, 0)).hasMessage("maxevents must be 1 to 65536, found 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyLineAThreadReportsIsALineOfItsListing(String name) {
        Program p = Programs.byName(name);
        Simulation sim = new Simulation(p, Workload.of(20, 20, 0.05, 1));
        Map<Integer, Set<Integer>> seen = new HashMap<>();
        sim.setProgramListener((tid, line) -> seen.computeIfAbsent(tid, t -> new HashSet<>()).add(line));
        sim.run();
        assertThat(seen).isNotEmpty();
        seen.forEach((tid, lines) -> {
            assertThat(lines).allSatisfy(l -> assertThat(l).isBetween(1, p.listing().size()));
            assertThat(sim.lineOf(tid)).isIn(lines);
        });
        // every thread of the server that ran said where it was
        sim.serverProcess().threads().forEach(t -> assertThat(seen).containsKey(t.tid()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aThreadAsleepIsOnTheLineOfTheCallItSleepsIn(String name) {
        Simulation sim = new Simulation(Programs.byName(name), Workload.of(10, 3, 0.05, 2));
        sim.run();
        List<String> listing = sim.program().listing();
        sim.kernel.sleepers().stream().filter(t -> t.process() == sim.serverProcess()).forEach(t -> {
            String line = listing.get(sim.lineOf(t.tid()) - 1);
            String call = t.currentCall();
            // a blocking read or accept sleeps in a poll of its one fd, inside the read or accept
            assertThat(line).as("T%d in %s", t.tid(), call).contains(call.equals("accept4") ? "accept" : call + "(");
        });
    }

    @Test
    void theEpollServerWaitsOnTheEpollWaitLine() {
        Simulation sim = new Simulation(Programs.byName("epoll-lt"), Workload.of(10, 0, 0.01, 2));
        sim.run();
        assertThat(sim.program().listing().get(sim.lineOf(sim.server.tid()) - 1)).contains("epoll_wait(ep, ev, 64, -1)");
        assertThat(sim.lineOf(99_999)).isZero();
    }

    @Test
    void aRecordedRunHasProgramLinesAndArgumentsOnTheTrace() {
        Simulation sim = new Simulation(Programs.byName("epoll-et"), Workload.of(5, 2, 0.01, 3), true);
        sim.run();
        List<TraceEvent> events = sim.kernel.trace().events();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TraceEvent.ProgramLine.class,
            pl -> assertThat(pl.program()).isEqualTo("epoll-et")));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TraceEvent.SyscallEnter.class, s -> {
            assertThat(s.call()).isEqualTo("epoll_ctl");
            assertThat(s.args()).contains("EPOLL_CTL_ADD").contains("EPOLLET");
        }));
    }

    @Test
    void aHeadlessRunRecordsNothingAndSpellsOutNoArguments() {
        Simulation sim = new Simulation(Programs.byName("epoll-lt"), Workload.of(5, 2, 0.01, 3));
        List<String> readArgs = new ArrayList<>();
        sim.kernel.trace().addListener(e -> {
            if (e instanceof TraceEvent.SyscallEnter s && s.call().equals("read")) readArgs.add(s.args());
            assertThat(e).isNotInstanceOf(TraceEvent.ProgramLine.class);
        });
        sim.run();
        assertThat(sim.kernel.trace().events()).isEmpty();
        assertThat(readArgs).isNotEmpty().allSatisfy(a -> assertThat(a).isEmpty());
    }

    @Test
    void oneProgramInstanceCanRunTwice() {
        Program p = Programs.byName("poll");
        Measures a = new Simulation(p, Workload.of(20, 5, 0.1, 4)).run();
        Measures b = new Simulation(p, Workload.of(20, 5, 0.1, 4)).run();
        assertThat(a).isEqualTo(b);
    }
}
