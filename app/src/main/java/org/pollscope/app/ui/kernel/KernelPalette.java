package org.pollscope.app.ui.kernel;

import javafx.scene.paint.Color;

/**
 * The colours and type size kernel space is drawn in, one per theme: the canvas is not styled
 * by CSS, so each theme's stylesheet has its twin here.
 */
record KernelPalette(Color background, Color text, Color muted, Color edge, Color red, Color black, Color nodeText,
                     Color outline, Color ready, Color readyText, Color overflow, Color wedge, Color rule, Color callback,
                     Color pollwake, Color waiter, Color caption, Color captionText, double scale) {

    static KernelPalette of(String theme) {
        return switch (theme) {
            case "dark" -> new KernelPalette(Color.web("#1e2329"), Color.web("#e6e9ee"), Color.web("#9aa4b2"), Color.web("#6c7a89"),
                Color.web("#e05545"), Color.web("#0b0d10"), Color.WHITE, Color.web("#c9d1d9"), Color.web("#f5b041"), Color.BLACK,
                Color.web("#af7ac5"), Color.web("#566573"), Color.web("#39424e"), Color.web("#f5b041"), Color.web("#5dade2"),
                Color.web("#58d68d"), Color.web("#2e4053"), Color.web("#e6e9ee"), 1.0);
            case "projector" -> new KernelPalette(Color.WHITE, Color.BLACK, Color.web("#222222"), Color.web("#333333"),
                Color.web("#c00000"), Color.BLACK, Color.WHITE, Color.BLACK, Color.web("#ffb000"), Color.BLACK,
                Color.web("#8e44ad"), Color.web("#555555"), Color.web("#999999"), Color.web("#ff8c00"), Color.web("#0057b8"),
                Color.web("#007a33"), Color.web("#000000"), Color.WHITE, 1.45);
            default -> new KernelPalette(Color.web("#eef2f7"), Color.web("#1f2a36"), Color.web("#5a6270"), Color.web("#7f8c8d"),
                Color.web("#c0392b"), Color.web("#1b1b1b"), Color.WHITE, Color.web("#1b1b1b"), Color.web("#f5b041"), Color.BLACK,
                Color.web("#8e44ad"), Color.web("#95a5a6"), Color.web("#c8d0da"), Color.web("#e67e22"), Color.web("#2e86c1"),
                Color.web("#229954"), Color.web("#2c3e50"), Color.WHITE, 1.0);
        };
    }
}
