package org.pollscope.kernel.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.trace.TraceEvent;

/** The clients, the measures, and that a run depends on its seed alone. */
class WorkloadTest {

    static List<String> names() {
        return Programs.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theSameSeedGivesTheSameMeasures(String program) {
        Workload w = Workload.of(40, 10, 0.2, 11).withRequestSize(100, 3000).withChurnPerSecond(30);
        assertThat(new Simulation(Programs.byName(program), w).run()).isEqualTo(new Simulation(Programs.byName(program), w).run());
    }

    @Test
    void anotherSeedGivesOtherMeasures() {
        Workload w = Workload.of(50, 10, 0.5, 1);
        assertThat(new Simulation(Programs.byName("poll"), w).run())
            .isNotEqualTo(new Simulation(Programs.byName("poll"), w.withSeed(2)).run());
    }

    @Test
    void measuresComeFromTheTraceAlone() {
        // a fresh meter fed the recorded trace measures what the live one measured
        Simulation sim = new Simulation(Programs.byName("epoll-et-fair"), Workload.of(20, 8, 0.1, 5).withChurnPerSecond(50), true);
        Measures live = sim.run();
        RunMeter replay = new RunMeter(sim.serverProcess().pid(), sim.clientProcess().pid());
        sim.kernel.trace().events().forEach(replay);
        assertThat(replay.measures("epoll-et-fair", sim.kernel.now())).isEqualTo(live);
        assertThat(live.requests()).isPositive();
    }

    @Test
    void steppingThroughTimeMeasuresWhatOneRunMeasures() {
        Workload w = Workload.of(30, 10, 0.2, 6);
        Measures once = new Simulation(Programs.byName("select"), w).run();
        Simulation stepped = new Simulation(Programs.byName("select"), w);
        stepped.start();
        for (long t = 0; t <= 200_000_000L; t += 7_000_000L) {
            stepped.runUntil(t);
            assertThat(stepped.kernel.now()).isEqualTo(t);
        }
        stepped.runUntil(Long.MAX_VALUE);
        assertThat(stepped.measures()).isEqualTo(once);
        assertThat(stepped.kernel.now()).isEqualTo(200_000_000L);
    }

    @Test
    void onlyTheActiveClientsSendAndIdleOnesStayConnected() {
        Measures none = new Simulation(Programs.byName("epoll-lt"), Workload.of(50, 0, 0.2, 1)).run();
        assertThat(none.requests()).isZero();
        assertThat(none.connections()).isEqualTo(50);
        Measures some = new Simulation(Programs.byName("epoll-lt"), Workload.of(50, 5, 0.2, 1)).run();
        // five clients, 1 ms mean think time and a few µs per request: about 1000 requests a second each
        assertThat(some.requestsPerSecond()).isBetween(4000.0, 5500.0);
    }

    @Test
    void requestSizesStayInTheirRange() {
        Simulation sim = new Simulation(Programs.byName("epoll-et"), Workload.of(10, 10, 0.1, 3).withRequestSize(100, 300));
        int clientPid = sim.clientProcess().pid();
        List<Long> sizes = new ArrayList<>();
        sim.kernel.trace().addListener(e -> {
            if (e instanceof TraceEvent.SyscallExit x && x.pid() == clientPid && x.call().equals("write")) sizes.add(x.ret());
        });
        sim.run();
        assertThat(sizes).hasSizeGreaterThan(100).allSatisfy(s -> assertThat(s).isBetween(100L, 300L));
        assertThat(sizes.stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void churnClosesAndReconnectsClients() {
        Measures m = new Simulation(Programs.byName("epoll-lt"), Workload.of(100, 20, 1.0, 4).withChurnPerSecond(200)).run();
        // 100 first connections and about 200 more
        assertThat(m.connections()).isBetween(250L, 350L);
        assertThat(m.unservedClients()).isZero();
    }

    @Test
    void thinkTimeSetsTheRateOfRequests() {
        Measures slow = new Simulation(Programs.byName("epoll-lt"), Workload.of(10, 10, 1.0, 4).withThinkMs(10)).run();
        assertThat(slow.requestsPerSecond()).isBetween(900.0, 1100.0);
    }

    @Test
    void tenThousandClientsConnectAndTheActiveOnesAreServed() {
        Measures m = new Simulation(Programs.byName("epoll-lt"), Workload.of(10_000, 100, 0.5, 1)).run();
        assertThat(m.connections()).isEqualTo(10_000);
        assertThat(m.refusedConnects()).isZero();
        assertThat(m.unservedClients()).isZero();
        assertThat(m.requests()).isGreaterThan(20_000);
    }

    @Test
    void latencyPercentilesAreOrdered() {
        Measures m = new Simulation(Programs.byName("poll"), Workload.of(200, 50, 0.3, 2)).run();
        assertThat(m.latencyMedianMs()).isPositive().isLessThanOrEqualTo(m.latencyP99Ms());
        assertThat(m.latencyP99Ms()).isLessThanOrEqualTo(m.latencyMaxMs());
        assertThat(m.starvationMs()).isGreaterThanOrEqualTo(m.latencyMaxMs());
    }

    @Test
    void badWorkloadsAreRefusedWithWhatIsAccepted() {
        assertThatThrownBy(() -> Workload.of(0, 0, 1, 1)).hasMessage("clients must be 1 to 100000, found 0");
        assertThatThrownBy(() -> Workload.of(5, 6, 1, 1)).hasMessage("active must be 0 to clients (5), found 6");
        assertThatThrownBy(() -> Workload.of(5, 1, 0, 1)).hasMessageStartingWith("seconds must be above 0");
        assertThatThrownBy(() -> Workload.of(5, 1, 1, 1).withRequestSize(10, 5)).hasMessageStartingWith("largest request size must be 10");
        assertThatThrownBy(() -> Workload.of(5, 1, 1, 1).withThinkMs(-1)).hasMessageStartingWith("think time");
        assertThatThrownBy(() -> Workload.of(5, 1, 1, 1).withChurnPerSecond(Double.NaN)).hasMessageStartingWith("churn");
    }

    @Test
    void measuresPrintOnePerLine() {
        String text = new Simulation(Programs.byName("epoll-lt"), Workload.of(10, 2, 0.05, 1)).run().text();
        assertThat(text.lines()).hasSize(16).first().isEqualTo("program                      epoll-lt");
        assertThat(text).contains("threads woken / connection").contains("starvation (longest wait)");
        String none = new Simulation(Programs.byName("epoll-et-buggy"), Workload.of(10, 2, 0.05, 1)).run().text();
        assertThat(none).contains("requests served              0 ").contains("system calls / request       -\n");
    }
}
