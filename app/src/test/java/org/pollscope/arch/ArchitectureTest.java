package org.pollscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.app.ui.bench.BenchImportsCompareFixture;
import org.pollscope.kernel.KernelImportsProgramFixture;
import org.pollscope.kernel.KernelImportsScenarioFixture;
import org.pollscope.kernel.ModelImportsJavaFxFixture;
import org.pollscope.kernel.ModelImportsJnaFixture;
import org.pollscope.kernel.ModelImportsPicocliFixture;
import org.pollscope.kernel.trace.TraceEventFormatsFixture;
import org.pollscope.lessons.LessonsImportProbeFixture;
import org.pollscope.probe.ProbeImportsAppFixture;
import org.pollscope.probe.ProbeImportsLessonsFixture;

/**
 * The direction of dependencies of docs/architecture.md, checked on the compiled classes of every
 * module: the kernel knows neither the scenario language nor the programs, the model knows no
 * toolkit or native binding, a screen of the window knows no other screen, the probe knows
 * neither the app nor the lessons.
 *
 * <p>Each rule is also shown to fail: the {@code *Fixture} classes of this module's tests, each in
 * the package a rule guards, import what the rule forbids.
 */
class ArchitectureTest {
    /** The screens of the window, each a package of {@code org.pollscope.app.ui}. */
    static final List<String> SCREENS = List.of("scenario", "bench", "compare", "lesson", "live");

    static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // other modules' tests come as their test-jars (kernel-model's seeded runner): not production either
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.pollscope");
    }

    static ArchRule kernelCoreKnowsNoLanguageNorPrograms() {
        return noClasses().that().resideInAPackage("org.pollscope.kernel")
            .should().dependOnClassesThat().resideInAnyPackage("org.pollscope.kernel.scenario..", "org.pollscope.kernel.program..")
            .because("the kernel's system calls return the kernel's own values; the scenario language and the programs use the kernel, not the other way");
    }

    static ArchRule traceEventsAreValues() {
        return noClasses().that().resideInAPackage("org.pollscope.kernel.trace")
            .and().doNotHaveSimpleName("TraceText")
            .should().dependOnClassesThat().resideInAnyPackage("org.pollscope.kernel", "org.pollscope.kernel.scenario..", "org.pollscope.kernel.program..")
            .because("trace events are values; formatting them in the kernel's notation is the reader's (TraceText)");
    }

    static ArchRule modelKnowsNoToolkitNorBinding() {
        return noClasses().that().resideInAPackage("org.pollscope.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.jna..", "picocli..")
            .because("kernel-model is plain Java with no dependencies");
    }

    static ArchRule probeKnowsNeitherAppNorLessons() {
        return noClasses().that().resideInAPackage("org.pollscope.probe..")
            .should().dependOnClassesThat().resideInAnyPackage("org.pollscope.app..", "org.pollscope.lessons..")
            .because("native-probe sits below the app and beside the lessons");
    }

    static ArchRule lessonsKnowNeitherAppNorProbe() {
        return noClasses().that().resideInAPackage("org.pollscope.lessons..")
            .should().dependOnClassesThat().resideInAnyPackage("org.pollscope.app..", "org.pollscope.probe..", "javafx..")
            .because("a lesson is data run on the model; the players and the real kernel are given to the engine from above")
            .allowEmptyShould(true);
    }

    /** A screen's package imports no other screen's: what they share lives in ui or ui.kernel. */
    static ArchRule screenKnowsNoOtherScreen(String screen) {
        String[] others = SCREENS.stream().filter(s -> !s.equals(screen)).map(s -> "org.pollscope.app.ui." + s + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("org.pollscope.app.ui." + screen + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others)
            .because("a change to one screen is made in one place")
            // a screen still to come (live) has no classes yet: the rule is there for its first one
            .allowEmptyShould(true);
    }

    static Stream<Arguments> rules() {
        Stream<Arguments> fixed = Stream.of(
            Arguments.of("kernel core imports no scenario or program", kernelCoreKnowsNoLanguageNorPrograms(),
                List.of(KernelImportsScenarioFixture.class, KernelImportsProgramFixture.class)),
            Arguments.of("trace events import nothing of the kernel", traceEventsAreValues(),
                List.of(TraceEventFormatsFixture.class)),
            Arguments.of("kernel-model imports no JavaFX, JNA or picocli", modelKnowsNoToolkitNorBinding(),
                List.of(ModelImportsJavaFxFixture.class, ModelImportsJnaFixture.class, ModelImportsPicocliFixture.class)),
            Arguments.of("native-probe imports neither app nor lessons", probeKnowsNeitherAppNorLessons(),
                List.of(ProbeImportsAppFixture.class, ProbeImportsLessonsFixture.class)),
            Arguments.of("lessons import neither app nor probe", lessonsKnowNeitherAppNorProbe(),
                List.of(LessonsImportProbeFixture.class)));
        Stream<Arguments> screens = SCREENS.stream().map(s -> Arguments.of("screen " + s + " imports no other screen",
            screenKnowsNoOtherScreen(s), "bench".equals(s) ? List.of(BenchImportsCompareFixture.class) : List.of()));
        return Stream.concat(fixed, screens);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionClassesKeepTheRule(String name, ArchRule rule, List<Class<?>> violators) {
        rule.check(production);
    }

    @ParameterizedTest(name = "{0}: fails on a class made to break it")
    @MethodSource("rules")
    void ruleFailsWhenAViolatingImportIsAdded(String name, ArchRule rule, List<Class<?>> violators) {
        if (violators.isEmpty()) {
            // one screen's fixture shows the rule's shape; every screen gets the same rule
            assertThat(name).startsWith("screen ");
            return;
        }
        for (Class<?> violator : violators) {
            JavaClasses one = new ClassFileImporter().importClasses(violator);
            assertThatThrownBy(() -> rule.check(one)).as(violator.getName()).isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getName());
        }
    }

    @Test
    void theImportSeesEveryModule() {
        // a rule over no classes holds trivially: make sure each module's classes are there
        for (String pkg : List.of("org.pollscope.kernel", "org.pollscope.kernel.scenario", "org.pollscope.kernel.program",
            "org.pollscope.kernel.trace", "org.pollscope.probe", "org.pollscope.app.ui.scenario", "org.pollscope.app.ui.bench",
            "org.pollscope.app.ui.compare", "org.pollscope.app.ui.kernel")) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().equals(pkg))).as(pkg).isTrue();
        }
    }
}
