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
 * that thread is running), the line's number, the line as written, and the verdict of its
 * prediction (✓, or ✗ with what the model returned). The line is never elided: the list
 * scrolls sideways instead.
 */
final class ListingCell extends ListCell<ListingLine> {
    private final ResourceBundle text;
    private final Label gutter = new Label();
    private final Label number = new Label();
    private final Label line = new Label();
    private final Label verdict = new Label();
    private final HBox box = new HBox(6, gutter, number, line, verdict);

    ListingCell(ResourceBundle text) {
        this.text = text;
        getStyleClass().add("listing-cell");
        gutter.getStyleClass().add("listing-gutter");
        number.getStyleClass().add("listing-number");
        line.getStyleClass().add("listing-text");
        verdict.getStyleClass().add("listing-verdict");
        gutter.setMinWidth(Region.USE_PREF_SIZE);
        gutter.setPrefWidth(40);
        number.setMinWidth(Region.USE_PREF_SIZE);
        number.setPrefWidth(28);
        number.setAlignment(Pos.CENTER_RIGHT);
        line.setMinWidth(Region.USE_PREF_SIZE);
        verdict.setMinWidth(Region.USE_PREF_SIZE);
        box.setAlignment(Pos.CENTER_LEFT);
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
        switch (item.verdict()) {
            case MET -> {
                verdict.setText(text.getString("listing.met"));
                verdict.getStyleClass().add("verdict-met");
            }
            case NOT_MET -> {
                verdict.setText(Messages.format(text, "listing.notMet", item.note()));
                verdict.getStyleClass().add("verdict-not-met");
            }
            default -> verdict.setText("");
        }
        setGraphic(box);
    }
}
