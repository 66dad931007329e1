package org.pollscope.app.ui.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.Lesson;

/**
 * The start page: the course (each lesson's title, minutes, level and the student's progress)
 * beside "open a scenario", "open a program" and a gallery of example scenarios shipped in the
 * jar. A lesson file that failed to load is named with its line; the others are still there.
 */
public final class CourseView {
    /** An example of the gallery: its file name, title and text. */
    public record Example(String name, String title, String source) {}

    private final Course course;
    private final LessonProgress progress;
    private final ResourceBundle text;
    private final String lang;
    private final VBox lessons = new VBox(6);
    private final ScrollPane root;
    private Consumer<Lesson> onLesson = l -> {};
    private BiConsumer<String, String> onExample = (n, s) -> {};
    private Runnable onOpenScenario = () -> {};
    private Runnable onOpenProgram = () -> {};

    public CourseView(Course course, LessonProgress progress, ResourceBundle text, String lang) {
        this.course = course;
        this.progress = progress;
        this.text = text;
        this.lang = lang;
        Label heading = new Label(text.getString("course.title"));
        heading.getStyleClass().add("course-heading");
        heading.setWrapText(true);
        Label intro = new Label(text.getString("course.intro"));
        intro.setWrapText(true);
        lessons.setId("course-lessons");
        VBox left = new VBox(10, heading, intro, lessons);
        for (String problem : course.problems()) {
            Label l = new Label(problem);
            l.getStyleClass().add("error-bar");
            l.setWrapText(true);
            left.getChildren().add(l);
        }
        left.setPadding(new Insets(16));
        HBox.setHgrow(left, Priority.ALWAYS);
        left.setMaxWidth(Double.MAX_VALUE);

        Button scenario = new Button(text.getString("course.openScenario"));
        scenario.setId("course-open-scenario");
        scenario.setOnAction(e -> onOpenScenario.run());
        Button program = new Button(text.getString("course.openProgram"));
        program.setId("course-open-program");
        program.setOnAction(e -> onOpenProgram.run());
        Label galleryTitle = new Label(text.getString("course.gallery"));
        galleryTitle.getStyleClass().add("pane-caption");
        VBox gallery = new VBox(4);
        gallery.setId("course-gallery");
        for (Example ex : examples()) {
            Button b = new Button(ex.title());
            b.getStyleClass().add("course-example");
            b.setId("example-" + ex.name().replace(".scn", ""));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setWrapText(true);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setOnAction(e -> onExample.accept(ex.name(), ex.source()));
            gallery.getChildren().add(b);
        }
        VBox right = new VBox(10, scenario, program, galleryTitle, gallery);
        right.setPadding(new Insets(16));
        right.setPrefWidth(380);
        right.setMinWidth(260);
        for (Button b : new Button[] {scenario, program}) {
            b.setMaxWidth(Double.MAX_VALUE);
            b.setWrapText(true);
        }
        HBox page = new HBox(8, left, right);
        page.getStyleClass().add("course-page");
        root = new ScrollPane(page);
        root.setId("course");
        root.setFitToWidth(true);
        refresh();
    }

    /** Redraws the list (after a lesson, so that its progress shows). */
    public void refresh() {
        lessons.getChildren().clear();
        int n = 1;
        for (String id : course.ids()) {
            Lesson l = course.lesson(id, lang);
            if (l == null) l = course.lesson(id, "en");
            if (l == null) continue;
            Lesson lesson = l;
            int checks = l.checkpoints().size();
            String state = !progress.started(id) ? text.getString("course.notStarted")
                : Messages.format(text, "course.progress", progress.reached(id) + 1, l.steps().size(), progress.answeredCount(id), checks);
            // one wrapping text, title then the facts: a graphic of labels would be laid out at no width first
            Button b = new Button(n++ + ". " + l.title() + "\n"
                + Messages.format(text, "course.meta", l.minutes(), text.getString("course.level." + l.level()), state));
            b.setId("lesson-" + id);
            b.getStyleClass().add("course-lesson");
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setOnAction(e -> onLesson.accept(lesson));
            lessons.getChildren().add(b);
        }
    }

    /** The gallery's scenarios, read from the jar; one that does not parse is left out. */
    public static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        String index = resource("gallery.txt");
        if (index == null) return out;
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) continue;
            String source = resource(name);
            if (source == null) continue;
            try {
                String title = ScenarioParser.parse(name, source).title();
                out.add(new Example(name, title != null ? title : name, source));
            } catch (ScenarioSyntaxException e) {
                // the corpus is checked by its own tests; a broken copy is not offered
            }
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = CourseView.class.getResourceAsStream("/org/pollscope/app/examples/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    public void setOnLesson(Consumer<Lesson> c) {
        onLesson = c;
    }

    public void setOnExample(BiConsumer<String, String> c) {
        onExample = c;
    }

    public void setOnOpenScenario(Runnable r) {
        onOpenScenario = r;
    }

    public void setOnOpenProgram(Runnable r) {
        onOpenProgram = r;
    }

    public Node root() {
        return root;
    }
}
