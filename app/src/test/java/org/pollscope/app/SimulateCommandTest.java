package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pollscope.kernel.program.Programs;

class SimulateCommandTest {

    @Test
    void listPrintsOneProgramALineNameFirst() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--list");
        assertThat(r.status()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(12);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).startsWith(Programs.names().get(i) + " ");
            assertThat(lines[i].substring(Programs.names().get(i).length()).trim()).isNotEmpty();
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("epoll-lt "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("coroutine-hub "));
    }

    @Test
    void runsAProgramAndPrintsItsMeasures() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "epoll-et-buggy", "--clients", "20",
            "--active", "4", "--seconds", "0.5", "--seed", "3");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("program                      epoll-et-buggy")
            .contains("requests served              0 ")
            .contains("clients left unserved        4 ");
    }

    @Test
    void theSameSeedPrintsTheSameMeasures() {
        String[] args = {"simulate", "--program", "poll", "--clients", "50", "--active", "10", "--seconds", "0.2",
            "--seed", "9", "--size", "100-2000", "--churn", "20"};
        MainCommandTest.Result a = MainCommandTest.run(args);
        MainCommandTest.Result b = MainCommandTest.run(args);
        assertThat(a.status()).isZero();
        assertThat(a.out()).isEqualTo(b.out()).contains("requests served");
    }

    @Test
    void listingPrintsTheProgramNumbered() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "epoll-et", "--listing");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("  1  int ep = epoll_create1(0);").contains("EPOLLET");
    }

    @Test
    void unknownProgramIsAOneLineErrorAndExit2() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "nope");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow())
            .isEqualTo("pollscope simulate: --program: unknown program 'nope'; the programs: " + String.join(", ", Programs.names()));
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void moreActiveThanClientsIsAnErrorAndExit2() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "poll", "--clients", "5", "--active", "6");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--active 6 must be from 0 to --clients (5)").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void fewerThanOneClientIsAnErrorAndExit2() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "poll", "--clients", "0", "--active", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--clients must be 1 to").doesNotContain("Exception");
    }

    @Test
    void badSizeAndThreadsNameTheOption() {
        assertThat(MainCommandTest.run("simulate", "--program", "poll", "--size", "big").err()).contains("--size 'big'");
        assertThat(MainCommandTest.run("simulate", "--program", "poll", "--size", "900-100").status()).isEqualTo(2);
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "oneshot-pool", "--threads", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--threads must be 1 to 1024, found 0");
    }

    @Test
    void programIsNeeded() {
        MainCommandTest.Result r = MainCommandTest.run("simulate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--program NAME is needed");
    }

    @Test
    void aRunShorterThanTheClocksUsefulMinimumIsRefusedAndNoNaNIsPrinted() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "epoll-lt", "--seconds", "1e-12");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("pollscope simulate: --seconds must be from 0.000001 ").doesNotContain("NaN");
        MainCommandTest.Result shortest = MainCommandTest.run("simulate", "--program", "epoll-lt", "--seconds", "0.000001");
        assertThat(shortest.status()).isZero();
        assertThat(shortest.out()).doesNotContain("NaN");
    }

    @Test
    void theLatencyOfNoRequestsIsNoneNotZero() {
        MainCommandTest.Result r = MainCommandTest.run("simulate", "--program", "epoll-lt", "--active", "0", "--seconds", "0.01");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("requests served              0 (0 per simulated second)")
            .contains("latency median               none (no request served)")
            .contains("latency max                  none (no request served)")
            .doesNotContain("0.000 ms\nlatency").doesNotContain("NaN");
    }
}
