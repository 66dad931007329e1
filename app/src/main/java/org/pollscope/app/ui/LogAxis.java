package org.pollscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * An axis for values given in log10 units (a point at 1000 is plotted as 3), ticked 1-2-5 in
 * every decade ({@link LogTicks}) and labelled with the values themselves. Auto-ranged, it spans
 * whole decades around the data; with no data it keeps the decades it was made with, so an
 * empty chart does not run to 10^100 as an empty {@code NumberAxis} would.
 */
public final class LogAxis extends ValueAxis<Number> {
    /** Below this many pixels a decade shows its power of ten only. */
    private static final double MIN_DECADE_PIXELS = 90;

    public LogAxis(double lowerDecade, double upperDecade) {
        super(lowerDecade, upperDecade);
        setAutoRanging(true);
        setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number v) {
                return LogTicks.label(v.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s.replace("k", "e3").replace("M", "e6")));
            }
        });
    }

    @Override
    protected Object autoRange(double min, double max, double length, double labelSize) {
        double lo = getLowerBound(), hi = getUpperBound();
        if (min <= max) {
            lo = Math.floor(min + 1e-9);
            hi = Math.ceil(max - 1e-9);
            if (hi <= lo) hi = lo + 1;
        }
        return new double[] {lo, hi, calculateNewScale(length, lo, hi)};
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] r = (double[]) range;
        setLowerBound(r[0]);
        setUpperBound(r[1]);
        currentLowerBound.set(r[0]);
        setScale(r[2]);
    }

    @Override
    protected Object getRange() {
        return new double[] {getLowerBound(), getUpperBound(), getScale()};
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] r = (double[]) range;
        // three labels a decade need room for their type: 90 px at the window's 12 px, more in the projector theme
        double minDecade = Math.max(MIN_DECADE_PIXELS, 9 * getTickLabelFont().getSize());
        boolean decadesOnly = length / Math.max(1e-9, r[1] - r[0]) < minDecade;
        return new ArrayList<>(LogTicks.ticks(r[0], r[1], decadesOnly));
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return new ArrayList<>(LogTicks.minorTicks(getLowerBound(), getUpperBound()));
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return getTickLabelFormatter().toString(value);
    }
}
