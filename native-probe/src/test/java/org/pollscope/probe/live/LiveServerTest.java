package org.pollscope.probe.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pollscope.probe.LinuxSyscalls;

/** The live server as a client outside sees it: echo, HTTP, loopback only, a port in use, the bound on clients, no leaks. */
class LiveServerTest {

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertThat(b).hasSize(n);
        return b;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPlainSocketGetsItsBytesBackAndAGetGetsAPage(Mode mode) throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, mode));
        List<Mirror.Event> seen = new CopyOnWriteArrayList<>();
        server.addListener(seen::add);
        try {
            try (Socket s = connect(server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("hello, kernel\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(readN(s.getInputStream(), 14), StandardCharsets.US_ASCII)).isEqualTo("hello, kernel\n");
                out.write("again".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(readN(s.getInputStream(), 5), StandardCharsets.US_ASCII)).isEqualTo("again");
            }
            String page;
            try (Socket s = connect(server.port())) {
                s.getOutputStream().write("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                page = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(page).startsWith("HTTP/1.0 200 OK\r\n").contains("PollScope live server, mode " + mode.word())
                .contains("in the model it is s2");
            server.stop();
            assertThat(server.mirror().divergences()).isEmpty();
            assertThat(server.mirror().calls()).isGreaterThan(10);
            // the listener saw both connections, and the model was made to connect its peers for them
            assertThat(seen).filteredOn(e -> e.call().startsWith("accept4") && e.real().equals("fd")).hasSize(2);
            assertThat(seen).flatMap(Mirror.Event::outside).contains("c1 = connect(l)", "c2 = connect(l)", "write(c1, 14)");
            assertThat(seen).allMatch(Mirror.Event::agrees);
        } finally {
            server.stop();
        }
    }

    /**
     * Peers that close in every way, aborts (SO_LINGER 0) included, at whatever moment the
     * scheduler picks: the mirror infers a FIN from EPOLLRDHUP (or a read of 0) and a close from
     * the RST that follows, tells a close with data unread from a FIN the echo answered by the read
     * after the wait, and makes a peer with nothing unread that sent a RST abort.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void awkwardPeersDoNotDiverge(Mode mode) throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, mode));
        try {
            // peers that end without a RST run at once; those that draw one (a close with data
            // unread, or an echo to a closed peer) come one at a time, after: a poll that meets a
            // RST half done on another CPU sees EPOLLERR without EPOLLHUP (tcp_reset sets sk_err
            // before tcp_done), an instant no model of the peers can place
            List<Thread> peers = new ArrayList<>();
            for (int i = 0; i < 28; i++) {
                int kind = 2 + i % 4;
                if (i >= 16) {
                    for (Thread t : peers) t.join();
                    for (int w = 0; w < 100 && server.stats().clients() > 0; w++) Thread.sleep(10);
                    kind = new int[] {0, 1, 6, 7}[i % 4];
                }
                int k = kind;
                Thread t = new Thread(() -> {
                    try (Socket s = connect(server.port())) {
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        switch (k) {
                            case 0 -> out.write("send and close".getBytes(StandardCharsets.US_ASCII));
                            case 1 -> {
                                out.write("close with the echo unread".getBytes(StandardCharsets.US_ASCII));
                                Thread.sleep(20);
                            }
                            case 2 -> {
                                out.write("half".getBytes(StandardCharsets.US_ASCII));
                                s.shutdownOutput();
                                readN(in, 4);
                            }
                            case 3 -> {
                                out.write("GET /x HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                                in.readAllBytes();
                            }
                            case 4 -> {
                                out.write('a');
                                out.write("bc".getBytes(StandardCharsets.US_ASCII));
                                readN(in, 3);
                            }
                            case 6 -> {
                                // an abort once the echo is read: nothing unread, so only SO_LINGER 0 makes the RST
                                out.write("abort".getBytes(StandardCharsets.US_ASCII));
                                readN(in, 5);
                                s.setSoLinger(true, 0);
                            }
                            case 7 -> s.setSoLinger(true, 0); // connect and abort, saying nothing
                            default -> {
                                // connect and close, saying nothing
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                peers.add(t);
                t.start();
                if (i >= 16) {
                    t.join();
                    // and the server is done with it, so that nothing else has it awake when the next RST comes
                    for (int w = 0; w < 100 && server.stats().clients() > 0; w++) Thread.sleep(10);
                }
            }
            for (Thread t : peers) t.join();
            // every close reached the server
            for (int i = 0; i < 100 && server.stats().clients() > 0; i++) Thread.sleep(20);
            assertThat(server.stats().clients()).isZero();
            LiveServer.InterestLists l = server.interestLists();
            assertThat(l.model()).isEqualTo(l.real());
        } finally {
            server.stop();
        }
        assertThat(server.mirror().divergences()).as("divergences").isEmpty();
        assertThat(server.stats().accepted()).isEqualTo(28);
    }

    @Test
    void listenersSeeTheModelsTraceOfEachCall() throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, Mode.ET));
        List<Mirror.Event> seen = new CopyOnWriteArrayList<>();
        server.addListener(seen::add);
        try (Socket s = connect(server.port())) {
            s.getOutputStream().write('x');
            readN(s.getInputStream(), 1);
        } finally {
            server.stop();
        }
        Mirror.Event add = seen.stream().filter(e -> e.call().startsWith("epoll_ctl") && e.subject().equals("s1")).findFirst().orElseThrow();
        assertThat(add.trace()).anyMatch(t -> t instanceof org.pollscope.kernel.trace.TraceEvent.TreeLink);
        Mirror.Event woke = seen.stream().filter(e -> e.call().startsWith("epoll_wait") && e.real().contains("s1")).findFirst().orElseThrow();
        assertThat(woke.outside()).contains("write(c1, 1)");
        assertThat(woke.trace()).anyMatch(t -> t instanceof org.pollscope.kernel.trace.TraceEvent.ReadyLink);
        // the model's server slept in epoll_wait, as the real one did, until its peer's bytes woke it
        assertThat(woke.trace()).anyMatch(t -> t instanceof org.pollscope.kernel.trace.TraceEvent.Sleep)
            .anyMatch(t -> t instanceof org.pollscope.kernel.trace.TraceEvent.Wake);
    }

    @Test
    void aListenerThatThrowsIsDroppedAndTheServerGoesOn() throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, Mode.LT));
        List<Mirror.Event> seen = new CopyOnWriteArrayList<>();
        server.addListener(e -> {
            throw new IllegalStateException("a view's bug");
        });
        server.addListener(seen::add);
        try (Socket s = connect(server.port())) {
            s.getOutputStream().write('q');
            assertThat(s.getInputStream().read()).isEqualTo('q');
            assertThat(server.running()).isTrue();
        } finally {
            server.stop();
        }
        assertThat(seen).anyMatch(e -> e.call().startsWith("write("));
    }

    @Test
    void aListenerMayStopTheServer() throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, Mode.ET));
        server.addListener(e -> {
            if (e.call().startsWith("accept4") && e.real().equals("fd")) server.stop();
        });
        try (Socket s = connect(server.port())) {
            assertThat(s.getInputStream().read()).as("closed by the stopping server").isEqualTo(-1);
        }
        server.stop();
        assertThat(server.running()).isFalse();
        assertThat(server.mirror().divergences()).isEmpty();
    }

    @Test
    void anotherBindAddressIsRefusedInOneLine() {
        for (String bad : List.of("0.0.0.0", "192.168.1.5", "::", "localhost")) {
            assertThatThrownBy(() -> LiveServer.start(LiveConfig.of(0, Mode.LT).withBind(bad)))
                .isInstanceOf(LiveException.class).hasMessageContaining("127.0.0.1 or ::1").hasMessageNotContaining("\n");
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        LiveServer first = LiveServer.start(LiveConfig.of(0, Mode.LT));
        try {
            assertThatThrownBy(() -> LiveServer.start(LiveConfig.of(first.port(), Mode.POLL)))
                .isInstanceOf(LiveException.class).hasMessageContaining("port " + first.port() + " is in use").hasMessageNotContaining("\n");
        } finally {
            first.stop();
        }
    }

    @Test
    void theLoopbackOfIpv6Works() throws Exception {
        LiveServer server;
        try {
            server = LiveServer.start(LiveConfig.of(0, Mode.SELECT).withBind("::1"));
        } catch (LiveException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("::1", server.port()), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("six".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(readN(s.getInputStream(), 3), StandardCharsets.US_ASCII)).isEqualTo("six");
        } finally {
            server.stop();
        }
        assertThat(server.mirror().divergences()).isEmpty();
    }

    @Test
    void aClientBeyondTheBoundIsAcceptedAndClosedAtOnce() throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, Mode.LT).withMaxClients(2));
        try (Socket a = connect(server.port()); Socket b = connect(server.port()); Socket c = connect(server.port())) {
            assertThat(c.getInputStream().read()).as("end of file for the third").isEqualTo(-1);
            a.getOutputStream().write('a');
            assertThat(a.getInputStream().read()).isEqualTo('a');
            assertThat(server.stats().refused()).isEqualTo(1);
            assertThat(server.stats().clients()).isEqualTo(2);
        } finally {
            server.stop();
        }
        assertThat(server.mirror().divergences()).isEmpty();
    }

    @Test
    void theInterestListsAreTakenAtOneInstantAndAgree() throws Exception {
        LiveServer server = LiveServer.start(LiveConfig.of(0, Mode.ONESHOT));
        try (Socket a = connect(server.port()); Socket b = connect(server.port())) {
            a.getOutputStream().write('1');
            readN(a.getInputStream(), 1);
            b.getOutputStream().write('2');
            readN(b.getInputStream(), 1);
            LiveServer.InterestLists l = server.interestLists();
            assertThat(l.applicable()).isTrue();
            assertThat(l.real()).hasSize(4);
            assertThat(l.model()).isEqualTo(l.real());
            // re-armed after each report: EPOLLONESHOT with its events, as ep_modify left it
            assertThat(l.real()).filteredOn(i -> (i.events() & org.pollscope.kernel.Linux.EPOLLONESHOT) != 0).hasSize(2);
        } finally {
            server.stop();
        }
    }

    /** Issue 14: start and stop the live server 1,000 times; the fds and the threads come back to where they were. */
    @Test
    void aThousandStartsAndStopsLeaveNoFdAndNoThread() throws Exception {
        String prefix = "pollscope-leaktest";
        LiveConfig config = new LiveConfig("127.0.0.1", 0, Mode.LT, 0, prefix);
        cycle(config, true, Mode.LT); // the first use loads classes and opens the JVM's own files
        long fds = org.pollscope.probe.Bench.openFds();
        Mode[] modes = Mode.values();
        for (int i = 0; i < 1000; i++) {
            Mode mode = modes[i % modes.length];
            cycle(new LiveConfig("127.0.0.1", 0, mode, 0, prefix), i % 25 == 0, mode);
        }
        assertThat(org.pollscope.probe.Bench.openFds()).as("open fds after 1000 starts and stops").isEqualTo(fds);
        assertThat(threads(prefix)).as("threads left behind").isEmpty();
    }

    private static void cycle(LiveConfig config, boolean withClient, Mode mode) throws Exception {
        LiveServer s = LiveServer.start(config);
        try {
            if (withClient) {
                try (Socket c = connect(s.port())) {
                    c.getOutputStream().write('z');
                    assertThat(c.getInputStream().read()).isEqualTo('z');
                }
            }
        } finally {
            s.stop();
        }
        assertThat(s.running()).isFalse();
    }

    private static List<String> threads(String prefix) {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) out.add(t.getName());
        }
        return out;
    }
}
