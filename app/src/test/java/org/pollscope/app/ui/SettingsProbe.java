package org.pollscope.app.ui;

/** Run in a JVM of its own by {@link RememberedSettingsTest}: reads the window's settings as the app does, and prints them. */
public final class SettingsProbe {
    private SettingsProbe() {}

    public static void main(String[] args) {
        RememberedSettings s = RememberedSettings.ofUser(org.pollscope.app.Main.class, System.err);
        double width = s.number("width", 1280, 100, 100_000);
        String theme = s.choice("theme", "light", MainView.THEMES);
        double scale = s.number("fontScale", 1, MainView.ZOOM_MIN, MainView.ZOOM_MAX);
        new org.pollscope.app.ui.lesson.LessonProgress(s.child("lessons"));
        String w = s.warning();
        if (w != null) System.err.println(w);
        System.out.println("width=" + width + " theme=" + theme + " fontScale=" + scale);
        // the app saves on closing: the store is written again, as when the window closes
        if (s.node() != null) s.node().putDouble("width", width);
    }
}
