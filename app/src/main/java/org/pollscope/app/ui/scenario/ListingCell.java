package org.pollscope.app.ui.scenario;

import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.kernel.ListingLine;

/**
 * A line of the listing: a gutter (▶ the current statement, ▷ and a thread's name on the line
 * that thread is running), the line's number, the verdict of its prediction (✓ or ✗) in a
 * column of its own, the line as written, and under a prediction not met what the model
 * returned, so that both are seen whatever the line's length. The line is never elided: the
 * list scrolls sideways instead.
 */
final class ListingCell extends ListCell<ListingLine> {
    private final ResourceBundle text;
    private final Label gutter = new Label();
    private final Label number = new Label();
    private final Label line = new Label();
    private final Label verdict = new Label();
    private final Label note = new Label();
    private final javafx.scene.layout.VBox lines = new javafx.scene.layout.VBox(line);
    private final HBox box = new HBox(6, gutter, number, verdict, lines);

    ListingCell(ResourceBundle text) {
        this.text = text;
        getStyleClass().add("listing-cell");
        gutter.getStyleClass().add("listing-gutter");
        number.getStyleClass().add("listing-number");
        line.getStyleClass().add("listing-text");
        verdict.getStyleClass().add("listing-verdict");
        gutter.setMinWidth(Region.USE_PREF_SIZE);
        ems(gutter, 3.2);
        number.setMinWidth(Region.USE_PREF_SIZE);
        ems(number, 2.4);
        number.setAlignment(Pos.CENTER_RIGHT);
        line.setMinWidth(Region.USE_PREF_SIZE);
        verdict.setMinWidth(Region.USE_PREF_SIZE);
        ems(verdict, 1.1);
        note.getStyleClass().addAll("listing-note", "verdict-not-met");
        note.setMinWidth(Region.USE_PREF_SIZE);
        box.setAlignment(Pos.CENTER_LEFT);
    }

    /** A column {@code n} ems wide in the label's font, so that the projector theme's larger type fits too. */
    private static void ems(Label l, double n) {
        l.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> l.getFont().getSize() * n, l.fontProperty()));
    }

    @Override
    protected void updateItem(ListingLine item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        gutter.setText(item.current() ? "▶" : item.thread() != null ? Messages.format(text, "listing.thread", item.thread()) : "");
        number.setText(item.number());
        line.setText(item.text());
        verdict.getStyleClass().removeAll("verdict-met", "verdict-not-met");
        lines.getChildren().remove(note);
        switch (item.verdict()) {
            case MET -> {
                verdict.setText(text.getString("listing.met"));
                verdict.getStyleClass().add("verdict-met");
            }
            case NOT_MET -> {
                verdict.setText(text.getString("listing.notMetMark"));
                verdict.getStyleClass().add("verdict-not-met");
                note.setText(Messages.format(text, "listing.notMet", item.note()));
                lines.getChildren().add(note);
            }
            default -> verdict.setText("");
        }
        setGraphic(box);
    }
}
