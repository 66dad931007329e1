package org.pollscope.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.app.ui.bench.BenchViewModel;
import org.pollscope.app.ui.kernel.StepText;
import org.pollscope.app.ui.kernel.StepViewModel;
import org.pollscope.app.ui.compare.CompareViewModel;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.trace.TraceEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** The view models in Simplified Chinese: the words built from the model and the messages of the settings. */
class ChineseViewModelTest {
    static final ResourceBundle ZH = ResourceBundle.getBundle("org.pollscope.app.ui.messages", Locale.SIMPLIFIED_CHINESE,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    /** English words of the Scenario tab's lines; none may be left in the Chinese ones. */
    private static final List<String> ENGLISH = List.of("asleep", "running", "visited", "woken", "joins", "returns", "sleeps",
        "thread ", "timeout", "ready when", "requeued", "from ovflist", "copies", "links", "interest list", "total", "last call",
        "bytes", "comparisons", "callbacks", "line ", "pid ", " in ", " on ");

    private static Path corpus(String name) {
        return Path.of("..", "kernel-model", "src", "test", "resources", "scenarios", name);
    }

    /** Everything the Scenario tab shows that StepText words, minus the statement's own text. */
    private static List<String> lines(StepViewModel vm) {
        List<String> out = new ArrayList<>(vm.explanationProperty().get().lines().toList());
        out.addAll(vm.fdTables());
        out.add(vm.costProperty().get());
        out.add(vm.lastCallCostProperty().get());
        String statement = vm.statementProperty().get();
        out.add(statement.contains("：") ? statement.substring(0, statement.indexOf('：')) : statement);
        return out;
    }

    @Test
    void aThreadWokenByAWriteIsExplainedInChinese() throws Exception {
        StepViewModel vm = new StepViewModel(ZH);
        vm.load(ScenarioParser.parse(corpus("thread-epoll-wait-woken-by-write.scn")));
        assertThat(vm.statementProperty().get()).isEqualTo("（尚未执行第一条语句）");
        List<String> seen = new ArrayList<>();
        String asleep = null;
        while (vm.forward()) {
            seen.addAll(lines(vm));
            if (asleep == null) asleep = vm.fdTables().stream().filter(l -> l.contains("睡眠")).findFirst().orElse(null);
        }
        String all = String.join("\n", seen);
        assertThat(all).contains("ep_rbtree_insert 将 ").contains(" 链入兴趣列表")
            .contains("ep_poll_callback：").contains("加入 rdllist 队尾")
            .contains("线程 T").contains(" 在 epoll_wait 中睡眠，等待 ")
            .contains("ep_send_events 将 epoll_event").contains("复制到用户空间")
            .contains("epoll_wait 返回 1").contains("第 8 行");
        assertThat(asleep).matches("  T\\d+ t：在 epoll_wait 中睡眠，等待 eventpoll#\\d+ wq");
        assertThat(vm.fdTables()).anyMatch(l -> l.matches("进程 \\d+")).anyMatch(l -> l.matches("  fd 0 → unix#\\d+"));
        assertThat(vm.costProperty().get()).startsWith("总计：访问 fd ").contains(" 字节").contains("树比较 ").contains("回调 ");
        assertThat(vm.lastCallCostProperty().get()).startsWith("上一次调用（T");
        for (String word : ENGLISH) assertThat(all).as(word).doesNotContain(word);
    }

    @Test
    void theWholeCorpusIsWordedInChinese() throws Exception {
        List<Path> files;
        try (var s = Files.list(corpus(""))) {
            files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        StepText zh = new StepText(ZH);
        StepText en = new StepText(ResourceBundle.getBundle("org.pollscope.app.ui.messages", Locale.ROOT));
        Set<String> reasons = new TreeSet<>();
        for (Path f : files) {
            StepViewModel vm = new StepViewModel(ZH);
            vm.load(ScenarioParser.parse(f));
            while (vm.forward()) {
                for (String line : lines(vm)) {
                    // the lib/rbtree.c case names are the kernel's own comments, quoted as they are
                    if (line.startsWith("兴趣列表在 ")) continue;
                    // a verdict quotes the scenario's statement as written: only its own words are Chinese
                    if (line.startsWith("✓ ") || line.startsWith("✗ ")) {
                        assertThat(line).as(f.getFileName().toString()).matches("[✓✗] 第 \\d+ 行.*");
                        continue;
                    }
                    for (String word : ENGLISH) assertThat(line).as("%s: %s", f.getFileName(), word).doesNotContain(word);
                }
                for (TraceEvent e : vm.lastStep()) {
                    if (e instanceof TraceEvent.Wake w) reasons.add(w.why());
                    if (e instanceof TraceEvent.ReadyLink r && !r.why().equals("ep_poll_callback")) reasons.add(r.why());
                }
            }
        }
        assertThat(reasons).hasSizeGreaterThan(4);
        for (String why : reasons) {
            assertThat(en.reason(why)).isEqualTo(why);
            assertThat(zh.reason(why)).as(why).isNotEqualTo(why).matches(".*[\\u4e00-\\u9fff].*");
        }
    }

    @Test
    void theActionsOnAFileAreOfferedInChinese() throws Exception {
        StepViewModel vm = new StepViewModel(ZH);
        assertThat(vm.insert("write(b, 5)")).isEqualTo("尚未载入场景");
        vm.load(ScenarioParser.parse("t.scn", "a, b = socketpair()\ne = eventfd(0)\n"));
        vm.toEnd();
        var fds = vm.kernelProperty().get().processes().get(0).fds();
        OpenFile a = fds.get(0);
        assertThat(vm.actionsFor(a, 0)).extracting(StepViewModel.Action::label)
            .containsExactly("向 a 发送 5 字节（在 b 上 write）", "关闭它的对端 b", "关闭 a 的读写两个方向（shutdown RDWR）");
        assertThat(vm.actionsFor(fds.get(2), 2)).extracting(StepViewModel.Action::label).containsExactly("向 eventfd e 写入 8 字节");
        assertThat(vm.showSavedTrace(vm.traceJson())).isNull();
        assertThat(vm.explanationProperty().get()).matches("已保存的跟踪，共 \\d+ 个事件");
    }

    /** What {@code validate} says after each change of the settings, in order. */
    private static List<String> messages(Supplier<String> validate, Runnable... changes) {
        List<String> out = new ArrayList<>();
        for (Runnable c : changes) {
            c.run();
            out.add(validate.get());
        }
        return out;
    }

    @Test
    void benchSettingsAreCheckedInChinese() {
        BenchViewModel vm = new BenchViewModel(ZH);
        assertThat(messages(vm::validate,
            () -> vm.fdsProperty().set("100,abc"),
            () -> vm.fdsProperty().set("0"),
            () -> {
                vm.fdsProperty().set("5000");
                vm.activeProperty().set(6000);
            },
            () -> {
                vm.activeProperty().set(1);
                vm.runsProperty().set(0);
            },
            () -> {
                vm.runsProperty().set(1);
                for (String m : org.pollscope.kernel.ModelBench.METHODS) vm.setMethod(m, false);
            }))
            // the numbers as typed: no grouping
            .containsExactly("N：应为以逗号分隔的数字，例如 100,1000,8000", "N 至少为 1，实际为 0", "A（6000）大于 N（5000）",
                "运行次数至少为 1", "请至少选择一种方法");
        vm.show(List.of());
        assertThat(vm.statusProperty().get()).isEqualTo("共 0 行");
    }

    @Test
    void compareSettingsAreCheckedInChinese() {
        CompareViewModel vm = new CompareViewModel(ZH);
        assertThat(messages(vm::validate,
            () -> vm.sweepProperty().set("10,x"),
            () -> {
                vm.sweepProperty().set("10");
                vm.activeProperty().set(0);
            },
            () -> vm.activeProperty().set(1)))
            .containsExactly("空闲客户端：应为以逗号分隔、不小于 1 的数字，例如 10,100,1000,10000", "活跃客户端至少为 1", null);
        vm.add(new CompareViewModel.Point("poll", 10, 1, 1, 1));
        assertThat(vm.statusProperty().get()).isEqualTo("共 1 个点");
    }

    @TempDir
    Path dir;

    @Test
    void theWindowTitleAndAnUnreadableFileAreInChinese() throws Exception {
        MainViewModel vm = new MainViewModel(ZH);
        assertThat(vm.open(dir.resolve("nope.scn"))).isFalse();
        assertThat(vm.errorProperty().get()).startsWith(dir.resolve("nope.scn") + "：无法读取（");
        Path good = Files.writeString(dir.resolve("good.scn"), "@title \"ok\"\na, b = socketpair()\n");
        assertThat(vm.open(good)).isTrue();
        assertThat(vm.titleProperty().get()).isEqualTo("PollScope — good.scn：ok");
    }
}
