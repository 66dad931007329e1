package org.pollscope.probe.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.ParserFuzz;
import org.pollscope.kernel.Seeded;

/**
 * The strace log reader under {@link ParserFuzz} (2,000 inputs in CI, a million with -Pfuzz), from
 * the recorded logs: it returns a report or throws its own positioned {@link StraceLogException},
 * nothing else. The fdinfo reader never throws at all.
 */
class StraceParserFuzzTest {
    static final List<byte[]> LOGS = ParserFuzz.filesBelow(Path.of("src/test/resources/strace"), ".log");

    @Test
    void theStraceLogReaderThrowsOnlyItsPositionedException() {
        assertThat(LOGS).hasSizeGreaterThanOrEqualTo(5);
        new ParserFuzz(LOGS).check(Seeded.tries(2_000), b -> StraceImport.parse("f.log", b, null), StraceLogException.class);
    }

    @Test
    void theFdinfoReaderNeverThrows() {
        byte[] fdinfo = ("pos:\t0\nflags:\t02000002\nmnt_id:\t17\nino:\t1038\n"
            + "tfd:        4 events:       19 data:                4  pos:0 ino:6125a sdev:9\n"
            + "tfd:        7 events: 80000019 data:     7f1100000007  pos:0 ino:40e sdev:10\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new ParserFuzz(List.of(fdinfo)).check(Seeded.tries(2_000), b -> FdInfo.parse(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)));
    }
}
