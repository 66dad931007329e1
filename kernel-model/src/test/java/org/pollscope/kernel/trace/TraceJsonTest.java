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

    @Test
    void garbageSaysWhereAndWhatWasFound() {
        assertThatThrownBy(() -> TraceJson.parseAll("{\"type\":\"X\"}\n\n(garbage)\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("line 3, column 1: expected a JSON object ('{'), found '('");
        assertThatThrownBy(() -> TraceJson.parseAll("{\"type\":\"X\"")).hasMessage("line 1, column 12: expected ',' or '}', found the end of the line");
        assertThatThrownBy(() -> TraceJson.parseAll("{\"a\":{\"b\":1}}")).hasMessageStartingWith("line 1, column 6: expected a string")
            .hasMessageContaining("flat");
        assertThatThrownBy(() -> TraceJson.parseAll("{\"a\":99999999999999999999}")).hasMessageContaining("expected a number from");
        assertThatThrownBy(() -> TraceJson.parseAll("{} junk")).hasMessage("line 1, column 4: expected the end of the line after the object, found 'j'");
    }

    @Test
    void aBrokenEscapeIsAPositionedErrorNotAnIndexOutOfBounds() {
        for (String bad : List.of("{\"a\":\"x\\", "{\"a\":\"\\u12\"}", "{\"a\":\"\\uzzzz\"}", "{\"a\":\"\\q\"}", "{\"a\"", "{\"a\":")) {
            assertThatThrownBy(() -> TraceJson.parseAll(bad)).as(bad).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 1, column ");
        }
    }

    @Test
    void bytesThatAreNotUtf8AreNamedAtTheirLineAndColumnAndAByteOrderMarkIsSkipped() {
        byte[] bytes = "{\"type\":\"X\"}\n{\"a\":\"\u00ff\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TraceJson.parseAll(bytes)).hasMessage("line 2, column 7: byte 0xFF is not UTF-8 text");
        assertThat(TraceJson.parseAll("\uFEFF{\"type\":\"X\"}\r\n")).singleElement().satisfies(m -> assertThat(m.get("type")).isEqualTo("X"));
    }
}
