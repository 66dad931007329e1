package org.pollscope.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading of a file a person gives: the size limit before anything is read, NUL bytes, the rest as before. */
class Utf8Test {

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("huge.scn");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            // sparse: 100 MiB that take no disk; reading them would fill the heap of a small JVM
            r.setLength(100L << 20);
        }
        assertThatThrownBy(() -> Utf8.readFile(f)).isInstanceOf(Utf8.TooLarge.class)
            .hasMessage("too large (100 MiB; the limit is 64 MiB)");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(Utf8.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> Utf8.readFile(f)).hasMessage("too large (65 MiB; the limit is 64 MiB)");
    }

    @Test
    void aFileAtTheLimitOrBelowIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("small.scn");
        Files.writeString(f, "ep = epoll_create1(0)\n");
        assertThat(new String(Utf8.readFile(f), StandardCharsets.UTF_8)).isEqualTo("ep = epoll_create1(0)\n");
        Files.write(f, new byte[0]);
        assertThat(Utf8.readFile(f)).isEmpty();
    }

    @Test
    void aNulByteIsBinaryAtItsLineAndColumn() {
        assertThatThrownBy(() -> Utf8.decode("a\nbc\u0000d".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOfSatisfying(Utf8.Malformed.class, m -> {
                assertThat(m.line()).isEqualTo(2);
                assertThat(m.col()).isEqualTo(3);
            })
            .hasMessage("byte 0x00 (NUL) is not text (the file looks binary)");
        // a PNG's first bytes are not UTF-8 before they are NUL
        assertThatThrownBy(() -> Utf8.decode(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0})).hasMessage("byte 0x89 is not UTF-8 text");
    }
}
