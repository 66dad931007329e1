package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    @Test
    void listPrintsOneProgramALineNameFirst() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--list");
        assertThat(r.status()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(12);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("epoll-lt "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("coroutine-hub "));
    }

    @Test
    void runsAProgramAndPrintsItsMeasures() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "epoll-et-buggy", "--clients", "20",
            "--active", "4", "--seconds", "0.5", "--seed", "3");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("program                  epoll-et-buggy").contains("clients left unserved    4");
    }

    @Test
    void badOptionsAreOneLineAndExit2() {
        assertThat(MainCommandTest.run("simulate", "--program", "nope").err()).contains("unknown program 'nope'");
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "poll", "--clients", "5", "--active", "6");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--active 6").doesNotContain("Exception");
        assertThat(MainCommandTest.run("simulate", "--program", "poll", "--clients", "0").status()).isEqualTo(2);
    }
}
