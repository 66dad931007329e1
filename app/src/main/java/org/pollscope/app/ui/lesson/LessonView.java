package org.pollscope.app.ui.lesson;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.kernel.KernelCanvas;
import org.pollscope.lessons.LessonEngine;

/**
 * The lesson player: the narrative and the checkpoint on the left, kernel space (the same
 * canvas every screen draws) on the right, the step's system calls beneath it. The toolbar's
 * buttons and the step counter keep their width; the title wraps. It only binds to the
 * {@link LessonPlayer} and calls it.
 */
public final class LessonView {
    private final LessonPlayer player;
    private final ResourceBundle text;
    private final BorderPane root = new BorderPane();
    private final KernelCanvas canvas;
    private final TextFlow narrative = new TextFlow();
    /**
     * The options, as many a row as fit. Its least width is that of its narrowest-allowed child,
     * not FlowPane's own (the widest child's preferred width, which for a button that wraps its
     * text is the whole text on one line, and held the story pane wider than its view).
     */
    private final FlowPane optionButtons = new FlowPane(8, 8) {
        @Override
        protected double computeMinWidth(double height) {
            double min = 0;
            for (Node c : getManagedChildren()) min = Math.max(min, c.minWidth(-1));
            return snappedLeftInset() + min + snappedRightInset();
        }
    };
    /** the widest an option's button may be: the story pane's width */
    private final javafx.beans.property.DoubleProperty optionWidth = new javafx.beans.property.SimpleDoubleProperty(400);
    private final TryIt tryIt;
    private PresenterWindow presenter;
    /** a checkpoint waits for its prediction and teacher mode is off (kept here: a binding's dependencies hold it weakly) */
    private final javafx.beans.binding.BooleanBinding predicting;
    private Runnable onLeave = () -> {};

    public LessonView(LessonPlayer player, ResourceBundle text) {
        this.player = player;
        this.text = text;
        canvas = new KernelCanvas(text);
        canvas.setId("lesson-kernel");
        canvas.setMinSize(200, 200);
        player.kernel().revisionProperty().addListener((o, a, r) -> canvas.show(player.kernel().kernelProperty().get(),
            player.kernel().lastStep(), true));
        tryIt = new TryIt(player, text);
        // while a checkpoint waits for the student, the canvas does not show its answer (teacher mode does)
        predicting = player.hasCheckpointProperty().and(player.answeredProperty().not()).and(player.teacherProperty().not());
        predicting.addListener((o, a, hidden) -> canvas.setOutcomeHidden(hidden));
        canvas.setOutcomeHidden(predicting.get());

        Button leave = button("lesson-leave", "◀ " + text.getString("lesson.course"), () -> onLeave.run());
        Button back = button("lesson-back", "◀ " + text.getString("lesson.back"), player::back);
        back.disableProperty().bind(player.canBackProperty().not());
        Button next = button("lesson-next", text.getString("lesson.next") + " ▶", player::next);
        next.disableProperty().bind(player.canNextProperty().not());
        Label where = new Label();
        where.setId("lesson-position");
        where.textProperty().bind(Bindings.createStringBinding(() -> Messages.format(text, "lesson.position",
            player.stepProperty().get() + 1, player.stepsProperty().get()), player.stepProperty(), player.stepsProperty()));
        ToggleButton teacher = new ToggleButton(text.getString("lesson.teacher"));
        teacher.setId("lesson-teacher");
        teacher.selectedProperty().addListener((o, a, on) -> {
            if (on != player.teacherProperty().get()) player.setTeacher(on);
        });
        // teacher mode set from elsewhere (a snapshot, a test) shows on the button too
        player.teacherProperty().addListener((o, a, on) -> teacher.setSelected(on));
        Button present = button("lesson-present", text.getString("lesson.present"), this::openPresenter);
        present.visibleProperty().bind(player.teacherProperty());
        present.managedProperty().bind(present.visibleProperty());
        for (Region r : new Region[] {leave, back, next, where, teacher, present}) r.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label();
        title.setId("lesson-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(() -> player.lesson() == null ? ""
            : player.lesson().title() + " · " + player.titleProperty().get(), player.titleProperty(), player.lessonProperty()));
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox bar = new HBox(8, leave, back, next, where, title, teacher, present);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("lesson-bar");

        narrative.setId("lesson-narrative");
        narrative.getStyleClass().add("lesson-narrative");
        player.narrativeProperty().addListener((o, a, md) -> MarkdownFlow.render(narrative, md));
        Label action = new Label();
        action.setId("lesson-action");
        action.setWrapText(true);
        action.textProperty().bind(player.actionProperty());
        action.visibleProperty().bind(player.actionProperty().isNotEmpty());
        action.managedProperty().bind(action.visibleProperty());
        Label notes = new Label();
        notes.setId("lesson-notes");
        notes.getStyleClass().add("lesson-notes");
        notes.setWrapText(true);
        notes.textProperty().bind(Bindings.createStringBinding(() -> player.notesProperty().get().isEmpty() ? ""
            : text.getString("lesson.notes") + " " + player.notesProperty().get(), player.notesProperty()));
        notes.visibleProperty().bind(player.teacherProperty().and(player.notesProperty().isNotEmpty()));
        notes.managedProperty().bind(notes.visibleProperty());

        // the statements the step ran, as the lesson writes them: what the kernel views show
        Label listing = new Label();
        listing.setId("lesson-listing");
        listing.getStyleClass().addAll("lesson-code", "lesson-listing");
        listing.setWrapText(true);
        listing.setMinHeight(Region.USE_PREF_SIZE);
        // as written when it fits the pane, else without the column of expectations (ListingFit)
        Runnable fit = () -> listing.setText(ListingFit.fit(player.stepSource().strip(), listing.getFont(),
            listing.getWidth() - listing.getInsets().getLeft() - listing.getInsets().getRight()));
        player.stepProperty().addListener((o, a, b) -> fit.run());
        player.lessonProperty().addListener((o, a, b) -> fit.run());
        listing.widthProperty().addListener((o, a, b) -> fit.run());
        listing.fontProperty().addListener((o, a, b) -> fit.run());
        listing.visibleProperty().bind(listing.textProperty().isNotEmpty());
        listing.managedProperty().bind(listing.visibleProperty());
        VBox story = new VBox(10, narrative, listing, action, checkpoint(), notes, tryIt.root());
        story.setPadding(new Insets(10));
        story.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(story);
        scroll.setId("lesson-story");
        scroll.setFitToWidth(true);
        // the flow wraps to the pane's width, less the scroll bar
        narrative.prefWidthProperty().bind(scroll.widthProperty().subtract(40));
        // and so do the options: a long one wraps inside its button rather than widen the pane past its view
        // (the view's width less the story's padding and the checkpoint box's)
        optionWidth.bind(Bindings.createDoubleBinding(() -> Math.max(80, scroll.getViewportBounds().getWidth() - 50),
            scroll.viewportBoundsProperty()));

        VBox kernelSide = new VBox(4, caption(text.getString("pane.kernel")), canvas);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        SplitPane body = new SplitPane(scroll, kernelSide);
        body.setDividerPositions(0.42);
        root.setTop(bar);
        root.setCenter(body);
        root.getStyleClass().add("lesson");
    }

    /** The checkpoint: question, the statement asked about, options, a field to type, the verdict. */
    private Node checkpoint() {
        Label question = new Label();
        question.setId("lesson-question");
        question.getStyleClass().add("lesson-question");
        question.setWrapText(true);
        question.textProperty().bind(player.questionProperty());
        Label statement = new Label();
        statement.setId("lesson-statement");
        statement.getStyleClass().add("lesson-code");
        statement.setWrapText(true);
        statement.textProperty().bind(player.statementProperty());
        statement.visibleProperty().bind(player.statementProperty().isNotEmpty());
        statement.managedProperty().bind(statement.visibleProperty());
        optionButtons.setId("lesson-options");
        player.options().addListener((javafx.collections.ListChangeListener<LessonEngine.Option>) c -> fillOptions());
        player.answeredProperty().addListener((o, a, b) -> fillOptions());
        player.teacherProperty().addListener((o, a, b) -> fillOptions());
        TextField typed = new TextField();
        typed.setId("lesson-typed");
        typed.setPromptText(text.getString("lesson.typePrompt"));
        Button check = button("lesson-check", text.getString("lesson.check"), () -> player.type(typed.getText()));
        typed.setOnAction(e -> player.type(typed.getText()));
        HBox typeRow = new HBox(8, typed, check);
        HBox.setHgrow(typed, Priority.ALWAYS);
        typeRow.disableProperty().bind(player.answeredProperty());
        Label feedback = new Label();
        feedback.setId("lesson-feedback");
        feedback.getStyleClass().add("lesson-feedback");
        feedback.setWrapText(true);
        feedback.textProperty().bind(player.feedbackProperty());
        feedback.setMinHeight(Region.USE_PREF_SIZE);
        Label problem = new Label();
        problem.setId("lesson-problem");
        problem.getStyleClass().add("error-bar");
        problem.setWrapText(true);
        problem.textProperty().bind(player.problemProperty());
        problem.visibleProperty().bind(player.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox box = new VBox(8, question, statement, optionButtons, typeRow, feedback, problem);
        box.setId("lesson-checkpoint");
        box.getStyleClass().add("lesson-checkpoint");
        box.setPadding(new Insets(10));
        box.visibleProperty().bind(player.hasCheckpointProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void fillOptions() {
        optionButtons.getChildren().clear();
        int i = 0;
        for (LessonEngine.Option o : player.options()) {
            int index = i++;
            Button b = new Button(o.text());
            b.setId("lesson-option-" + index);
            b.getStyleClass().add("lesson-option");
            // the teacher sees which is right before revealing it; a student after
            boolean shown = player.answeredProperty().get() || player.teacherProperty().get();
            if (shown && o.belief() == null) b.getStyleClass().add("lesson-option-right");
            b.setDisable(player.answeredProperty().get());
            b.setOnAction(e -> player.choose(index));
            b.setWrapText(true);
            b.maxWidthProperty().bind(optionWidth);
            optionButtons.getChildren().add(b);
        }
    }

    /** Opens (or brings forward) the presenter window: the kernel views alone, for the projector. */
    public void openPresenter() {
        if (presenter == null) {
            presenter = new PresenterWindow(player, text, root.getStylesheets());
            presenter.setFontScale(fontScale);
        }
        presenter.show(root.getScene() == null ? null : root.getScene().getWindow());
    }

    /** The presenter window, once opened (for tests). */
    public PresenterWindow presenter() {
        return presenter;
    }

    /** What the "back to the course" button does. */
    public void setOnLeave(Runnable r) {
        onLeave = r;
    }

    public void setTheme(String theme) {
        canvas.setTheme(theme);
        if (presenter != null) presenter.setTheme(theme);
    }

    private double fontScale = 1;

    /** The type size of View > Zoom, for this view's canvas and the presenter window. */
    public void setFontScale(double scale) {
        fontScale = scale;
        canvas.setFontScale(scale);
        if (presenter != null) presenter.setFontScale(scale);
    }

    public KernelCanvas canvas() {
        return canvas;
    }

    public Node root() {
        return root;
    }

    private static Button button(String id, String label, Runnable action) {
        Button b = new Button(label);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label caption(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("pane-caption");
        l.setWrapText(true);
        // a VBox short of room shrinks its children to their minimum: a caption keeps all its lines
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
