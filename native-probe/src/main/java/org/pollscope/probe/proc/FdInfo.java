package org.pollscope.probe.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code /proc/PID/fdinfo/N}, read by keys, not columns. For an epoll fd,
 * {@code ep_show_fdinfo} (fs/eventpoll.c) prints one line per item, walking the red-black tree
 * from {@code rb_first}: {@code "tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x"}.
 * Older kernels print only tfd, events and data; keys this reader does not know are kept in
 * {@link Item#other}, never an error. The header ({@code pos}, {@code flags}, {@code mnt_id},
 * {@code ino}) is printed by {@code seq_show} in fs/proc/fd.c.
 */
public final class FdInfo {
    /**
     * One {@code tfd:} line.
     *
     * @param tfd    the fd the item was registered with ({@code epi->ffd.fd})
     * @param events the mask ({@code epi->event.events}), hex in the file
     * @param data   the whole 64-bit {@code epi->event.data}, hex in the file
     * @param pos    the target file's {@code f_pos}, or null when the kernel does not print it
     * @param ino    the target file's inode number, or null
     * @param sdev   the device of its superblock, or null
     * @param other  any key this reader does not know, as printed
     */
    public record Item(int tfd, int events, long data, Long pos, Long ino, Integer sdev, Map<String, String> other) {}

    private final Map<String, String> header;
    private final List<Item> items;
    private final List<String> unread;

    private FdInfo(Map<String, String> header, List<Item> items, List<String> unread) {
        this.header = header;
        this.items = items;
        this.unread = unread;
    }

    /** The lines before the items, by key ("pos", "flags", "mnt_id", "ino"). */
    public Map<String, String> header() {
        return header;
    }

    /** The items, in the kernel's order (by struct file address, then fd: {@code ep_cmp_ffd}). */
    public List<Item> items() {
        return items;
    }

    /** Lines that looked like items but lacked tfd, events or data in a form that could be read. */
    public List<String> unread() {
        return unread;
    }

    /** Parses the text of an fdinfo file; never throws on odd content. */
    public static FdInfo parse(String text) {
        Map<String, String> header = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            Map<String, String> kv = keys(line);
            if (!kv.containsKey("tfd")) {
                kv.forEach(header::putIfAbsent);
                continue;
            }
            try {
                int tfd = Integer.parseInt(kv.remove("tfd"));
                String ev = kv.remove("events");
                String data = kv.remove("data");
                if (ev == null || data == null) throw new NumberFormatException();
                int events = (int) Long.parseLong(ev, 16);
                long d = Long.parseUnsignedLong(data, 16);
                Long pos = kv.containsKey("pos") ? Long.parseLong(kv.remove("pos")) : null;
                Long ino = kv.containsKey("ino") ? Long.parseUnsignedLong(kv.remove("ino"), 16) : null;
                Integer sdev = kv.containsKey("sdev") ? (int) Long.parseLong(kv.remove("sdev"), 16) : null;
                items.add(new Item(tfd, events, d, pos, ino, sdev, Map.copyOf(kv)));
            } catch (NumberFormatException e) {
                unread.add(line);
            }
        }
        return new FdInfo(header, List.copyOf(items), List.copyOf(unread));
    }

    /** "key: value key2:value2" as a map, in order; a value is the next word after the colon. */
    static Map<String, String> keys(String line) {
        Map<String, String> kv = new LinkedHashMap<>();
        String[] words = line.trim().split("[ \t]+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            int c = w.indexOf(':');
            if (c <= 0) continue;
            String key = w.substring(0, c);
            String value = w.substring(c + 1);
            if (value.isEmpty() && i + 1 < words.length && words[i + 1].indexOf(':') < 0) value = words[++i];
            kv.putIfAbsent(key, value);
        }
        return kv;
    }
}
