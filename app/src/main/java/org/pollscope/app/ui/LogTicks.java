package org.pollscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ticks of a log axis: 1, 2 and 5 in every decade (1, 2, 5, 10, 20, 50, ...), in log10
 * units, and how they read. Shared by the window's charts ({@link LogAxis}) and the PNG of
 * {@code pollscope bench --chart}; no toolkit here.
 */
public final class LogTicks {
    private static final double[] STEPS = {1, 2, 5};

    private LogTicks() {}

    /**
     * log10 of every 1-2-5 value from 10^{@code lo} to 10^{@code hi} (both in log10 units), in
     * order; only the powers of ten when {@code decadesOnly} (a decade too short to read three
     * labels in).
     */
    public static List<Double> ticks(double lo, double hi, boolean decadesOnly) {
        List<Double> out = new ArrayList<>();
        if (!(hi >= lo)) return out;
        for (int d = (int) Math.floor(lo); d <= (int) Math.ceil(hi); d++) {
            for (double s : decadesOnly ? new double[] {1} : STEPS) {
                double v = d + Math.log10(s);
                if (v >= lo - 1e-9 && v <= hi + 1e-9) out.add(v);
            }
        }
        return out;
    }

    /** log10 of the values 3, 4, 6, 7, 8, 9 of each decade in range: the unlabelled ticks between. */
    public static List<Double> minorTicks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        if (!(hi >= lo)) return out;
        for (int d = (int) Math.floor(lo); d <= (int) Math.ceil(hi); d++) {
            for (int s : new int[] {3, 4, 6, 7, 8, 9}) {
                double v = d + Math.log10(s);
                if (v > lo && v < hi) out.add(v);
            }
        }
        return out;
    }

    /** How the tick at log10 value {@code v} reads: 1, 20, 500, 1k, 20k, 1M, 0.5, 0.02. */
    public static String label(double v) {
        double p = Math.pow(10, v);
        if (p >= 1e6 - 0.5) return trim(p / 1e6) + "M";
        if (p >= 1e3 - 0.5) return trim(p / 1e3) + "k";
        if (p >= 1 - 1e-9) return trim(p);
        return String.format(Locale.ROOT, "%.2g", p).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String trim(double p) {
        double r = Math.round(p * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
