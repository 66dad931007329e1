package org.pollscope.kernel.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SyscallResult;

/**
 * Turns an {@link SyscallResult} into text (as shown, and canonical: with names instead of
 * side-specific numbers) and checks it against an {@link Expectation}.
 */
final class ResultFormat {
    private ResultFormat() {}

    /** What an event key stands for: a bound name, and the data to show when it is not the fd. */
    record EventName(String name, Long data) {}

    private record Ev(String name, int mask, Long data) {}

    static String shown(CallSpec spec, SyscallResult o, BiFunction<Invocation, Long, EventName> names, Invocation inv) {
        if (o.failed()) return "-1 " + Linux.errnoName(o.errno());
        return switch (spec.returns()) {
            case FD -> "fd " + o.ret();
            case TWO_FDS -> "0 (fds " + o.fds()[0] + ", " + o.fds()[1] + ")";
            case NUMBER -> String.valueOf(o.ret());
            default -> canonical(spec, o, names, inv);
        };
    }

    static String canonical(CallSpec spec, SyscallResult o, BiFunction<Invocation, Long, EventName> names, Invocation inv) {
        if (o.failed()) return "-1 " + Linux.errnoName(o.errno());
        return switch (spec.returns()) {
            case FD -> "fd";
            case TWO_FDS -> "0";
            // fill and drain move as many bytes as the buffers take: the model keeps the kernel's
            // buffer sizes but not its per-skb overhead or TCP autotuning, so the sides compare
            // whether bytes moved, not how many (an explicit expectation still checks the number)
            case NUMBER -> (inv.call().equals("fill") || inv.call().equals("drain")) && o.ret() > 0
                ? "some bytes" : String.valueOf(o.ret());
            case BYTES -> o.ret() + " " + quote(o.bytes());
            case EPOLL_EVENTS, POLL_EVENTS, SELECT_EVENTS -> {
                List<Ev> evs = events(spec, o, names, inv);
                StringBuilder sb = new StringBuilder().append(o.ret()).append(' ');
                boolean ordered = spec.returns() != CallSpec.Returns.SELECT_EVENTS;
                sb.append(ordered ? '[' : '{');
                for (int k = 0; k < evs.size(); k++) {
                    if (k > 0) sb.append(", ");
                    Ev e = evs.get(k);
                    sb.append(e.name).append(": ").append(maskText(spec, e.mask));
                    if (e.data != null) sb.append(" data=0x").append(Long.toHexString(e.data));
                }
                yield sb.append(ordered ? ']' : '}').toString();
            }
        };
    }

    private static List<Ev> events(CallSpec spec, SyscallResult o, BiFunction<Invocation, Long, EventName> names, Invocation inv) {
        List<Ev> out = new ArrayList<>();
        for (SyscallResult.Ready r : o.events()) {
            EventName n = names.apply(inv, r.key());
            out.add(new Ev(n.name(), r.mask(), n.data()));
        }
        if (spec.returns() == CallSpec.Returns.SELECT_EVENTS) {
            out.sort(Comparator.comparing(Ev::name));
        }
        return out;
    }

    static String maskText(CallSpec spec, long mask) {
        return switch (spec.returns()) {
            case POLL_EVENTS -> Linux.pollEvents((int) mask);
            case SELECT_EVENTS -> Linux.selectSets((int) mask);
            default -> Linux.epollEvents((int) mask);
        };
    }

    static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes == null ? new byte[0] : bytes) {
            char c = (char) (b & 0xff);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Null when the outcome meets the expectation, else "WANT got HAVE". */
    static String check(CallSpec spec, Expectation x, SyscallResult o, BiFunction<Invocation, Long, EventName> names, Invocation inv) {
        String got = canonical(spec, o, names, inv);
        String want = expectedText(spec, x);
        if (x.anyFd()) {
            return !o.failed() && o.ret() >= 0 ? null : want + " got " + got;
        }
        boolean ok = o.ret() == x.value();
        if (ok && x.errno() != null) ok = o.failed() && Linux.errnoName(o.errno()).equals(x.errno());
        if (ok && x.events() != null) ok = eventsMatch(spec, x.events(), events(spec, o, names, inv));
        if (ok && x.bytes() != null) ok = quote(o.bytes()).equals(quote(x.bytes().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return ok ? null : want + " got " + got;
    }

    private static boolean eventsMatch(CallSpec spec, Expectation.Events want, List<Ev> got) {
        if (want.list().size() != got.size()) return false;
        List<Ev> rest = new ArrayList<>(got);
        for (int k = 0; k < want.list().size(); k++) {
            Expectation.Event w = want.list().get(k);
            if (want.ordered()) {
                if (!matches(w, rest.get(k))) return false;
            } else {
                Ev hit = rest.stream().filter(e -> matches(w, e)).findFirst().orElse(null);
                if (hit == null) return false;
                rest.remove(hit);
            }
        }
        return true;
    }

    private static boolean matches(Expectation.Event w, Ev e) {
        return w.name().equals(e.name) && (w.mask() & 0xffffffffL) == (e.mask & 0xffffffffL)
            && (w.data() == null || (e.data != null ? e.data.equals(w.data()) : false));
    }

    static String expectedText(CallSpec spec, Expectation x) {
        if (x.anyFd()) return "fd";
        StringBuilder sb = new StringBuilder().append(x.value());
        if (x.errno() != null) sb.append(' ').append(x.errno());
        if (x.events() != null) {
            sb.append(' ').append(x.events().ordered() ? '[' : '{');
            for (int k = 0; k < x.events().list().size(); k++) {
                Expectation.Event e = x.events().list().get(k);
                if (k > 0) sb.append(", ");
                sb.append(e.name()).append(": ").append(maskText(spec, e.mask()));
                if (e.data() != null) sb.append(" data=0x").append(Long.toHexString(e.data()));
            }
            sb.append(x.events().ordered() ? ']' : '}');
        }
        if (x.bytes() != null) sb.append(' ').append(quote(x.bytes().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return sb.toString();
    }
}
