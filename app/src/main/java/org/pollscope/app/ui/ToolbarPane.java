package org.pollscope.app.ui;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * A toolbar whose controls never shrink and whose status text gives way instead: the status
 * stands beside the controls while it has room for {@code minStatusEms} ems of words there,
 * else on a row of its own beneath them, where it wraps. The controls keep their preferred
 * width either way (a window narrower than all of them cuts the last, never elides a label).
 */
public final class ToolbarPane extends Region {
    private static final double GAP = 8;
    private final Node controls;
    private final Region status;
    private final double minStatusEms;

    public ToolbarPane(Node controls, Region status, double minStatusEms) {
        this.controls = controls;
        this.status = status;
        this.minStatusEms = minStatusEms;
        getChildren().addAll(controls, status);
        getStyleClass().add("toolbar-pane");
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    /** Whether the status fits beside the controls at this width. */
    public boolean statusBeside(double width) {
        double room = width - snappedLeftInset() - snappedRightInset() - controls.prefWidth(-1) - GAP;
        return room >= minStatusEms * em();
    }

    private double em() {
        return status instanceof javafx.scene.control.Labeled l ? l.getFont().getSize()
            : status.getChildrenUnmodifiable().stream().filter(n -> n instanceof javafx.scene.control.Labeled)
                .map(n -> ((javafx.scene.control.Labeled) n).getFont().getSize()).findFirst().orElse(13.0);
    }

    @Override
    protected double computeMinWidth(double height) {
        // the window may be narrower than the controls: they are cut, never squeezed
        return snappedLeftInset() + snappedRightInset() + status.minWidth(-1);
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + controls.prefWidth(-1) + GAP + status.prefWidth(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width < 0 ? computePrefWidth(-1) : width;
        double inner = w - snappedLeftInset() - snappedRightInset();
        double c = controls.prefHeight(-1);
        double h = statusBeside(w) ? Math.max(c, status.prefHeight(inner - controls.prefWidth(-1) - GAP))
            : c + (status.isManaged() ? GAP / 2 + status.prefHeight(inner) : 0);
        return snappedTopInset() + snappedBottomInset() + h;
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double inner = getWidth() - x - snappedRightInset();
        double cw = controls.prefWidth(-1);
        double ch = controls.prefHeight(-1);
        if (statusBeside(getWidth())) {
            double sw = inner - cw - GAP;
            double sh = status.prefHeight(sw);
            double row = Math.max(ch, sh);
            controls.resizeRelocate(x, y + (row - ch) / 2, cw, ch);
            status.resizeRelocate(x + cw + GAP, y + (row - sh) / 2, sw, sh);
        } else {
            controls.resizeRelocate(x, y, cw, ch);
            status.resizeRelocate(x, y + ch + GAP / 2, inner, status.prefHeight(inner));
        }
    }
}
