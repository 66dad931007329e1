package org.pollscope.app.ui;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A line chart on two {@link LogAxis} axes (points given in log10 units) with a note in the
 * chart itself, between the plot and the legend: what the chart leaves out and why, so that a
 * picture of the chart carries it too. The zero lines are off: on log axes they would stand at
 * 1, a line the data do not draw.
 */
public final class LogChart extends LineChart<Number, Number> {
    private final Label note = new Label();
    /** the note above the series' legend, in the legend's place */
    private final VBox foot = new VBox(4);
    private Node legend;

    public LogChart(String xLabel, double xFrom, double xTo, double yFrom, double yTo) {
        super(new LogAxis(xFrom, xTo), new LogAxis(yFrom, yTo));
        legend = getLegend();   // the series' legend XYChart made, before it is taken off for want of series
        getXAxis().setLabel(xLabel);
        setHorizontalZeroLineVisible(false);
        setVerticalZeroLineVisible(false);
        setAnimated(false);
        note.getStyleClass().add("chart-note");
        note.setWrapText(true);
        note.setMaxWidth(Double.MAX_VALUE);
        note.setPadding(new Insets(3, 6, 3, 6));
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.textProperty().addListener((o, a, b) -> updateLegend());
        foot.setAlignment(Pos.CENTER);
        foot.setFillWidth(true);
        updateLegend();
    }

    /** The note ("" for none). */
    public StringProperty noteProperty() {
        return note.textProperty();
    }

    /** The label that shows the note, for tests. */
    public Label noteLabel() {
        return note;
    }

    @Override
    protected void updateLegend() {
        super.updateLegend();
        Node l = getLegend();
        if (l != null && l != foot) legend = l;
        if (foot == null) return;   // called from the constructor of LineChart, before the fields
        boolean series = !getData().isEmpty() && legend != null;
        if (series) foot.getChildren().setAll(note, legend);
        else foot.getChildren().setAll(note);
        setLegend(series || !note.getText().isEmpty() ? foot : null);
    }
}
