package org.pollscope.probe.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FdInfoTest {
    @Test
    void itemsAreReadByKeysWhateverTheColumns() {
        FdInfo f = FdInfo.parse("""
            pos:\t0
            flags:\t02000002
            mnt_id:\t17
            ino:\t1038
            tfd:        4 events:       19 data:                4  pos:0 ino:6125a sdev:9
            tfd:        7 events: 80000019 data:     7f1100000007  pos:0 ino:40e sdev:10
            tfd:  5 events: 2019 data: ffffffffffffffff
            tfd: 9 events: 1 data: 9 pos:12 ino:2a sdev:f mnt:3 extra:yes
            """);
        assertThat(f.header()).containsEntry("flags", "02000002").containsEntry("ino", "1038");
        assertThat(f.items()).extracting(FdInfo.Item::tfd).containsExactly(4, 7, 5, 9);
        FdInfo.Item a = f.items().get(0);
        assertThat(a.events()).isEqualTo(0x19);
        assertThat(a.ino()).isEqualTo(0x6125aL);
        assertThat(a.sdev()).isEqualTo(9);
        assertThat(f.items().get(1).events()).isEqualTo(0x80000019);
        assertThat(f.items().get(1).data()).isEqualTo(0x7f1100000007L);
        // an older kernel's line: tfd, events and data only
        FdInfo.Item old = f.items().get(2);
        assertThat(old.data()).isEqualTo(-1L);
        assertThat(old.pos()).isNull();
        assertThat(old.ino()).isNull();
        // keys it does not know are kept, not fatal
        assertThat(f.items().get(3).other()).containsEntry("mnt", "3").containsEntry("extra", "yes");
        assertThat(f.unread()).isEmpty();
    }

    @Test
    void aBrokenItemLineIsSetAsideNotThrown() {
        FdInfo f = FdInfo.parse("tfd: x events: 1 data: 1\ntfd: 3 events: 1\ntfd: 4 events: zz data: 4\ngarbage\n\n");
        assertThat(f.items()).isEmpty();
        assertThat(f.unread()).hasSize(3);
    }

    @Test
    void eventsAreTheKernelsNamesAndAnUnknownBitIsItsHexValue() {
        assertThat(EpollEvents.names(0x80002019)).containsExactly("EPOLLIN", "EPOLLERR", "EPOLLHUP", "EPOLLRDHUP", "EPOLLET");
        assertThat(EpollEvents.names(0x4001)).containsExactly("EPOLLIN", "0x4000");
        assertThat(EpollEvents.names((1 << 28) | (1 << 29) | (1 << 30) | 0x40 | 0x2)).containsExactly(
            "EPOLLPRI", "EPOLLRDNORM", "EPOLLEXCLUSIVE", "EPOLLWAKEUP", "EPOLLONESHOT");
        assertThat(EpollEvents.names(0)).isEmpty();
        assertThat(EpollEvents.parseMask("EPOLLIN|EPOLLET|0x4000")).isEqualTo(0x80004001L);
        assertThat(EpollEvents.parseMask("EPOLLIN|NOPE")).isEqualTo(-1);
    }

    @Test
    void addressesOfProcNetAreReadInTheMachinesOrder() {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        assertThat(SocketTable.address(little ? "0100007F:1F90" : "7F000001:1F90")).isEqualTo("127.0.0.1:8080");
        assertThat(SocketTable.address((little ? "00000000000000000000000001000000" : "00000000000000000000000000000001") + ":0050"))
            .isEqualTo("[::1]:80");
        assertThat(SocketTable.address("00000000000000000000000000000000:0000")).isEqualTo("[::]:0");
        assertThat(SocketTable.address((little ? "0000000000000000FFFF00000100007F" : "00000000000000000000FFFF7F000001") + ":0016"))
            .isEqualTo("[::ffff:127.0.0.1]:22");
        assertThat(SocketTable.ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1})).isEqualTo("2001:db8::1:0:0:1");
    }
}
