package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pollscope.probe.LinuxSyscalls;
import org.pollscope.probe.live.LiveConfig;
import org.pollscope.probe.live.LiveServer;
import org.pollscope.probe.live.Mode;

/** {@code pollscope live}: bad options are one line and exit 2 before anything starts; a short load prints its figures. */
class LiveCommandTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @CsvSource({"0.0.0.0", "192.168.0.1", "::", "example.org"})
    void anotherBindAddressIsOneLineAndExit2(String address) {
        MainCommandTest.Result r = MainCommandTest.run("live", "--bind", address, "--seconds", "1");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pollscope live: --bind " + address + " is refused: the live server listens on this machine only"
            + " (127.0.0.1 or ::1)" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPortInUseIsOneLineAndExit2() throws Exception {
        LiveServer busy = LiveServer.start(LiveConfig.of(0, Mode.LT));
        try {
            MainCommandTest.Result r = MainCommandTest.run("live", "--port", "" + busy.port(), "--seconds", "1");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines()).containsExactly("pollscope live: port " + busy.port() + " is in use on 127.0.0.1:" + busy.port()
                + "; choose another with --port");
            assertThat(r.out()).isEmpty();
        } finally {
            busy.stop();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--mode|kqueue|--mode must be lt, et, oneshot, poll or select, found kqueue",
        "--port|70000|--port must be 1 to 65535, found 70000",
        "--clients|0|--clients must be 1 to 100000, found 0",
        "--rate|0|--rate must be more than 0 and at most 1000000, found 0.0",
        "--seconds|-3|--seconds must be more than 0 and at most 86400, found -3.0",
        "--aborts|101|--aborts must be 0 to 100 (a percentage), found 101",
        "--aborts|20|--aborts needs --clients: it is a share of the load's clients"})
    void aBadOptionIsNamedAndExit2(String option, String value, String message) {
        MainCommandTest.Result r = MainCommandTest.run("live", option, value);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).isEqualTo("pollscope live: " + message);
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void tooManyClientsForTheHardFdLimitStopBeforeStarting() throws Exception {
        MainCommandTest.Result r = MainCommandTest.run("live", "--clients", "100000", "--port", "" + freePort(), "--out", tmp.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("pollscope live: 100000 clients need ")
            .contains("the hard limit of open files is");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadOutIsCheckedBeforeTheLoad() throws Exception {
        MainCommandTest.Result r = MainCommandTest.run("live", "--clients", "5", "--port", "" + freePort(), "--out", "/nonexistent-dir/x");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("pollscope live: --out: cannot write /nonexistent-dir/x (no such directory");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aShortLoadPrintsItsFiguresAndTheInterestListsAgree() throws Exception {
        MainCommandTest.Result r = MainCommandTest.run("live", "--clients", "20", "--rate", "100", "--seconds", "1", "--mode", "et",
            "--port", "" + freePort(), "--out", tmp.resolve("d").toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("clients: 20 connected, 100 requests sent, 100 echoed", "real interest list peak: 22 registrations",
            "divergences: 0", "interest list with the clients connected: fdinfo shows 22 registrations, equal to the model's",
            "interest list after the clients closed: fdinfo shows 2 registrations, equal to the model's");
        assertThat(r.out()).containsPattern("server calls: \\d+ \\(accept4 \\d+, close \\d+, ");
    }

    @Test
    void theForegroundServerPrintsItsClientsAndStopsAfterItsSeconds() throws Exception {
        int port = freePort();
        Thread client = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    s.getOutputStream().write("hi\n".getBytes());
                    s.getInputStream().readNBytes(3);
                    return;
                } catch (java.io.IOException notYet) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        client.start();
        MainCommandTest.Result r = MainCommandTest.run("live", "--port", "" + port, "--seconds", "2", "--mode", "poll");
        client.join();
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("live: mode poll on 127.0.0.1:" + port).contains("c1 = connect(l)", "write(c1, 3)", "agree")
            .contains("divergences: 0").doesNotContain("DIVERGE");
    }
}
