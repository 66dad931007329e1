package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.BackingStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remembered settings that are odd, corrupt or unreadable give the defaults and one warning. */
class RememberedSettingsTest {

    /** A preferences node in memory; {@code broken} makes every read fail as an unreadable store does. */
    static final class MemoryPreferences extends AbstractPreferences {
        final Map<String, String> values = new TreeMap<>();
        final boolean broken;

        MemoryPreferences(boolean broken) {
            super(null, "");
            this.broken = broken;
        }

        @Override
        protected void putSpi(String key, String value) {
            values.put(key, value);
        }

        @Override
        protected String getSpi(String key) {
            if (broken) throw new IllegalStateException("the store is gone");
            return values.get(key);
        }

        @Override
        protected void removeSpi(String key) {
            values.remove(key);
        }

        @Override
        protected void removeNodeSpi() {}

        @Override
        protected String[] keysSpi() throws BackingStoreException {
            if (broken) throw new BackingStoreException("cannot read the store");
            return values.keySet().toArray(new String[0]);
        }

        @Override
        protected String[] childrenNamesSpi() {
            return new String[0];
        }

        @Override
        protected AbstractPreferences childSpi(String name) {
            return new MemoryPreferences(broken);
        }

        @Override
        protected void syncSpi() {}

        @Override
        protected void flushSpi() {}
    }

    @Test
    void oddValuesAreTheirDefaultsAndAreToldInOneLine() {
        MemoryPreferences p = new MemoryPreferences(false);
        p.put("fontScale", "NaN");
        p.put("width", "Infinity");
        p.put("height", "-5");
        p.put("theme", "neon\u0007");
        p.put("speed", "fast");
        p.put("divider.user", "0.3");
        RememberedSettings s = new RememberedSettings(p);
        assertThat(s.number("fontScale", 1, 0.75, 3)).isEqualTo(1);
        assertThat(s.number("width", 1280, 100, 100_000)).isEqualTo(1280);
        assertThat(s.number("height", 800, 100, 100_000)).isEqualTo(800);
        assertThat(s.choice("theme", "light", MainView.THEMES)).isEqualTo("light");
        assertThat(s.number("speed", 2, 0.5, 10)).isEqualTo(2);
        assertThat(s.number("divider.user", 0.5, 0, 1)).as("a good value is kept").isEqualTo(0.3);
        assertThat(s.number("divider.kernel", 0.7, 0, 1)).as("a missing value is its default, untold").isEqualTo(0.7);
        String w = s.warning();
        assertThat(w).doesNotContain("\n").startsWith("pollscope: remembered settings: ")
            .contains("fontScale 'NaN' is not a number from 0.75 to 3")
            .contains("width 'Infinity'").contains("height '-5' is not a number from 100 to 100000")
            .contains("theme 'neon?' is not one of light, dark, projector").contains("speed 'fast'")
            .doesNotContain("divider").endsWith("the defaults are used instead");
        assertThat(s.warning()).as("told once").isNull();
    }

    @Test
    void goodValuesGiveNoWarning() {
        MemoryPreferences p = new MemoryPreferences(false);
        p.put("fontScale", "1.25");
        p.put("theme", "projector");
        RememberedSettings s = new RememberedSettings(p);
        assertThat(s.number("fontScale", 1, 0.75, 3)).isEqualTo(1.25);
        assertThat(s.choice("theme", "light", MainView.THEMES)).isEqualTo("projector");
        assertThat(s.warning()).isNull();
    }

    @Test
    void aStoreThatCannotBeReadGivesTheDefaultsAndOneWarning() {
        RememberedSettings s = new RememberedSettings(new MemoryPreferences(true));
        assertThat(s.node()).as("treated as no store").isNull();
        assertThat(s.number("fontScale", 1, 0.75, 3)).isEqualTo(1);
        assertThat(s.choice("theme", "light", MainView.THEMES)).isEqualTo("light");
        assertThat(s.text("dir")).isNull();
        assertThat(s.child("lessons")).as("the lessons' progress is kept in memory only").isNull();
        assertThat(s.warning()).doesNotContain("\n")
            .isEqualTo("pollscope: remembered settings: the preferences cannot be read (cannot read the store); the defaults are used instead");
    }

    @Test
    void noStoreAtAllGivesTheDefaultsSilently() {
        RememberedSettings s = new RememberedSettings(null);
        assertThat(s.number("width", 1280, 100, 100_000)).isEqualTo(1280);
        assertThat(s.child("lessons")).isNull();
        assertThat(s.warning()).isNull();
    }

    /** The real store (FileSystemPreferences) in a JVM of its own whose user root is a temporary folder. */
    private static List<String> probe(Path root) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Djava.util.prefs.userRoot=" + root, "-cp",
            System.getProperty("java.class.path"), SettingsProbe.class.getName()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>();
        lines.add(out.strip());
        lines.addAll(err.lines().toList());
        return lines;
    }

    private static Path prefsFile(Path root) throws Exception {
        Path dir = root.resolve(".java/.userPrefs/org/pollscope/app");
        Files.createDirectories(dir);
        return dir.resolve("prefs.xml");
    }

    @Test
    void aCorruptOrBinaryPreferencesFileGivesTheDefaultsAndOneLineNotTheJdksWarnings(@TempDir Path tmp) throws Exception {
        for (byte[] junk : List.of("<map><entry key=".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 0xFF, 0x7F, 0, 1, 2},
            new byte[0])) {
            Path root = Files.createTempDirectory(tmp, "root");
            Files.write(prefsFile(root), junk);
            List<String> lines = probe(root);
            assertThat(lines.get(0)).isEqualTo("width=1280.0 theme=light fontScale=1.0");
            List<String> err = lines.subList(1, lines.size());
            assertThat(err).as("one line, none of the JDK's timestamped WARNING lines").hasSize(1);
            assertThat(err.get(0)).startsWith("pollscope: remembered settings: Invalid preferences format in ")
                .contains("prefs.xml").endsWith("the defaults are used instead");
        }
    }

    @Test
    void oddValuesInARealPreferencesFileAreTheirDefaults(@TempDir Path root) throws Exception {
        Files.writeString(prefsFile(root), """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE map SYSTEM "http://java.sun.com/dtd/preferences.dtd">
            <map MAP_XML_VERSION="1.0">
              <entry key="width" value="1e308"/>
              <entry key="theme" value="../../etc/passwd"/>
              <entry key="fontScale" value="NaN"/>
            </map>
            """);
        List<String> lines = probe(root);
        assertThat(lines.get(0)).isEqualTo("width=1280.0 theme=light fontScale=1.0");
        assertThat(lines.subList(1, lines.size())).hasSize(1);
        assertThat(lines.get(1)).contains("width '1e308'").contains("theme '../../etc/passwd' is not one of")
            .contains("fontScale 'NaN'");
    }
    @Test
    void aLessonsProgressThatIsNotANumberIsNoProgress() {
        MemoryPreferences p = new MemoryPreferences(false);
        p.put("select.reached", "lots");
        p.put("poll.reached", "99999999999");
        p.put("epoll-api.reached", "-4");
        p.put("lt-vs-et.answered", "1,x,,3,-2");
        p.put("c10k.reached", "2");
        org.pollscope.app.ui.lesson.LessonProgress lp = new org.pollscope.app.ui.lesson.LessonProgress(p);
        assertThat(lp.reached("select")).isZero();
        assertThat(lp.reached("poll")).isZero();
        assertThat(lp.reached("epoll-api")).isZero();
        assertThat(lp.answeredCount("lt-vs-et")).as("1 and 3; x and -2 left out").isEqualTo(2);
        assertThat(lp.reached("c10k")).isEqualTo(2);
        assertThat(new org.pollscope.app.ui.lesson.LessonProgress(new MemoryPreferences(true)).reached("c10k"))
            .as("a store that cannot be listed: no progress").isZero();
    }
}
