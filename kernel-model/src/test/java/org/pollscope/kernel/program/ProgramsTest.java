package org.pollscope.kernel.program;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgramsTest {

    static Measures run(String program, int clients, int active) {
        return new Simulation(Programs.byName(program), Workload.of(clients, active, 0.5, 7)).run();
    }

    @Test
    void buggyEdgeTriggeredServerLeavesClientsUnservedWhileTheCorrectOneServesAll() {
        Measures buggy = run("epoll-et-buggy", 20, 5);
        Measures right = run("epoll-et", 20, 5);
        assertThat(buggy.unservedClients()).isEqualTo(5);
        assertThat(buggy.starvationMs()).isGreaterThan(400);
        assertThat(right.unservedClients()).isZero();
        assertThat(right.requests()).isGreaterThan(1000);
    }

    @Test
    void fairEdgeTriggeredServerServesEveryClientWithOneReadAPass() {
        Measures fair = run("epoll-et-fair", 20, 5);
        assertThat(fair.unservedClients()).isZero();
        assertThat(fair.requests()).isGreaterThan(1000);
    }

    @Test
    void withoutExclusiveEveryAcceptorWakesForAConnectionAndWithItOne() {
        Measures herd = run("acceptors", 40, 4);
        Measures one = run("acceptors-exclusive", 40, 4);
        assertThat(herd.connections()).isEqualTo(40);
        assertThat(herd.wokenPerConnection()).isEqualTo(4.0);
        assertThat(one.wokenPerConnection()).isEqualTo(1.0);
    }

    @Test
    void selectAndPollWorkPerCallGrowsWithIdleClientsEpollsDoesNot() {
        for (String p : new String[] {"select", "poll"}) {
            double small = run(p, 20, 10).waitCallWork();
            double large = run(p, 1000, 10).waitCallWork();
            // 10 busy clients in both: the idle ones make the difference, one fd visit each at least
            assertThat(large - small).as(p).isGreaterThan(980 - 10);
            assertThat(large / small).as(p).isGreaterThan(10);
        }
        double small = run("epoll-lt", 20, 10).waitCallWork();
        double large = run("epoll-lt", 1000, 10).waitCallWork();
        assertThat(large).isLessThan(small * 1.5);
    }

    @Test
    void idleClientsMakePollSlowerToAnswerButNotEpoll() {
        // select and poll visit every fd on every call, and a visit costs CPU time
        double pollFew = run("poll", 20, 10).latencyMedianMs();
        double pollMany = run("poll", 1000, 10).latencyMedianMs();
        double epollFew = run("epoll-lt", 20, 10).latencyMedianMs();
        double epollMany = run("epoll-lt", 1000, 10).latencyMedianMs();
        assertThat(pollMany).isGreaterThan(pollFew * 10);
        assertThat(epollMany).isLessThan(epollFew * 2);
        assertThat(pollMany).isGreaterThan(epollMany * 10);
    }

    @Test
    void selectLoopServesFourHundredClients() {
        assertThat(run("select", 400, 10).unservedClients()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameMeasures() {
        assertThat(run("oneshot-pool", 50, 10)).isEqualTo(run("oneshot-pool", 50, 10));
        assertThat(new Simulation(Programs.byName("poll"), Workload.of(50, 10, 0.5, 1)).run())
            .isNotEqualTo(new Simulation(Programs.byName("poll"), Workload.of(50, 10, 0.5, 2)).run());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"thread-per-client", "select", "poll", "epoll-lt", "epoll-et", "epoll-et-fair", "oneshot-pool",
        "acceptors", "acceptors-exclusive", "coroutine-hub"})
    void everyProgramServesEveryActiveClient(String program) {
        Measures m = run(program, 30, 6);
        assertThat(m.requests()).isGreaterThan(500);
        assertThat(m.unservedClients()).isZero();
        assertThat(m.connections()).isEqualTo(30);
    }

    @Test
    void blockingServerIsStuckOnItsFirstClient() {
        // the first client to connect is idle: one client at a time means nobody else is served
        Measures m = new Simulation(Programs.byName("blocking"), Workload.of(10, 9, 0.5, 3)).run();
        assertThat(m.connections()).isEqualTo(1);
    }

    @Test
    void herdGrowsWithTheNumberOfAcceptors() {
        Measures eight = new Simulation(Programs.byName("acceptors", new Programs.Params(8, 0, 64)), Workload.of(16, 2, 0.2, 1)).run();
        Measures eightExclusive = new Simulation(Programs.byName("acceptors-exclusive", new Programs.Params(8, 0, 64)),
            Workload.of(16, 2, 0.2, 1)).run();
        assertThat(eight.wokenPerConnection()).isEqualTo(8.0);
        assertThat(eightExclusive.wokenPerConnection()).isEqualTo(1.0);
    }

    @Test
    void aBigEnoughBufferHidesTheEdgeTriggeredBug() {
        // the bug needs a request larger than one read: with a 4096-byte buffer a 512-byte request fits
        Measures m = new Simulation(Programs.byName("epoll-et-buggy", new Programs.Params(4, 4096, 64)), Workload.of(20, 5, 0.2, 1)).run();
        assertThat(m.unservedClients()).isZero();
    }

    @Test
    void everyProgramHasAListingAndADescription() {
        assertThat(Programs.all()).hasSize(12).allSatisfy(p -> {
            assertThat(p.listing()).isNotEmpty();
            assertThat(p.description()).isNotBlank();
            assertThat(Programs.byName(p.name())).isNotNull();
        });
    }
}
