package org.pollscope.app.ui.scenario;

import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The form of "Open a built-in program": the program, its description, the workload's fields,
 * and Open / Cancel. Open with a bad field shows what is wrong (naming the field) and opens
 * nothing; Enter opens, Escape cancels. It only binds to a {@link ProgramChoice}.
 */
public final class ProgramChooser {
    private final VBox root;

    /** {@code onOpen} is called with the choice once it is valid; {@code onCancel} when the form is left. */
    public ProgramChooser(ProgramChoice choice, ResourceBundle text, java.util.function.Consumer<ProgramChoice> onOpen, Runnable onCancel) {
        ChoiceBox<String> program = new ChoiceBox<>();
        program.setId("program-name");
        program.getItems().setAll(choice.programs());
        program.valueProperty().bindBidirectional(choice.programProperty());
        Label description = new Label();
        description.setId("program-description");
        description.setWrapText(true);
        description.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
            () -> choice.description(choice.programProperty().get()), choice.programProperty()));
        TextField clients = field("program-clients", choice.clientsProperty());
        TextField active = field("program-active", choice.activeProperty());
        TextField seed = field("program-seed", choice.seedProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, label(text.getString("program.program")), program);
        grid.add(description, 1, 1);
        grid.addRow(2, label(text.getString("program.clients")), clients);
        grid.addRow(3, label(text.getString("program.active")), active);
        grid.addRow(4, label(text.getString("program.seed")), seed);
        Label hint = new Label(text.getString("program.hint"));
        hint.setWrapText(true);
        Label problem = new Label();
        problem.setId("program-problem");
        problem.getStyleClass().add("error-bar");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        Button open = new Button(text.getString("program.ok"));
        open.setId("program-open");
        open.setDefaultButton(true);
        open.setOnAction(e -> {
            String wrong = choice.validate();
            problem.setText(wrong == null ? "" : wrong);
            if (wrong == null) onOpen.accept(choice);
        });
        Button cancel = new Button(text.getString("program.cancel"));
        cancel.setId("program-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        HBox buttons = new HBox(8, open, cancel);
        root = new VBox(10, grid, hint, problem, buttons);
        root.setId("program-chooser");
        root.getStyleClass().add("main");
        root.setPadding(new Insets(14));
        root.setPrefWidth(520);
    }

    /** A field's name: never cut short, the field takes what width is left. */
    private static Label label(String s) {
        Label l = new Label(s);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    public Parent root() {
        return root;
    }
}
