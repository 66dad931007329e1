package org.pollscope.kernel.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;

class TraceJsonTest {

    @Test
    void everyEventOfARunRoundTripsWithItsTypeAndFields() {
        Kernel k = new Kernel();
        SimThread t = k.newProcess("m");
        int ep = (int) k.epollCreate1(t, 0).ret();
        int[] p = k.socketpair(t).fds();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, p[0], Linux.EPOLLIN, 0);
        k.write(t, p[1], "a \"quoted\"\nline".getBytes());
        k.call(t, k.epollWait(ep, 8, 0));
        List<TraceEvent> events = k.trace().events();
        List<Map<String, Object>> back = TraceJson.parseAll(TraceJson.lines(events));
        assertThat(back).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(back.get(i).get("type")).isEqualTo(events.get(i).getClass().getSimpleName());
            assertThat(back.get(i).get("time")).isEqualTo(events.get(i).time());
        }
        assertThat(back).anySatisfy(m -> assertThat(m.get("type")).isEqualTo("TreeLink"));
    }

    @Test
    void badLinesNameTheLineAndColumn() {
        assertThatThrownBy(() -> TraceJson.parseAll("{\"type\":\"X\"}\n{\"type\": nope}\n"))
            .hasMessageStartingWith("line 2, column 10");
    }
}
