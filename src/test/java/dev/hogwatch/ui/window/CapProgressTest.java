package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.history.History;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JProgressBar;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data caps' progress in the Usage tab and the Alerts tab, over a real history file checked by
 * a real {@link AlertService}: used / limit, percent, projection and reset day, at 760×520 and
 * larger, in the light and the dark theme, with no label, bar text or table cell cut short.
 * Pictures go to {@code target/cap-progress/}. Needs a display (CI runs Xvfb).
 */
class CapProgressTest {
  @TempDir Path dir;

  private final List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler before;

  @BeforeEach
  void catchUncaught() {
    before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((th, e) -> uncaught.add(e));
  }

  @AfterEach
  void noneUncaught() throws Exception {
    SwingUtilities.invokeAndWait(() -> {});
    Thread.setDefaultUncaughtExceptionHandler(before);
    if (!uncaught.isEmpty()) {
      AssertionError e = new AssertionError("uncaught exception: " + uncaught.get(0));
      uncaught.forEach(e::addSuppressed);
      throw e;
    }
  }

  private static Snapshot snapshot(Instant t, long bytes) {
    List<ProgramStat> programs =
        List.of(new ProgramStat("curl", 1000, "u", bytes / 2, bytes - bytes / 2, 0, 0, List.of(7)));
    return new Snapshot(
        t,
        t.toEpochMilli() * 1_000_000,
        List.of(),
        programs,
        new Totals(bytes / 2, bytes - bytes / 2, 0, 0),
        Totals.ZERO,
        List.of(new InterfaceStat("eth0", bytes, 0, 0, 0)),
        new Totals(bytes, 0, 0, 0),
        CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
        0);
  }

  private static <T> T onEdt(Supplier<T> s) throws Exception {
    AtomicReference<T> r = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> r.set(s.get()));
    return r.get();
  }

  private static <T extends Component> List<T> all(Container c, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Component k : c.getComponents()) {
      if (type.isInstance(k) && k.isShowing()) {
        out.add(type.cast(k));
      }
      if (k instanceof Container cc) {
        out.addAll(all(cc, type));
      }
    }
    return out;
  }

  /** Every label and bar text of the caps fits in the room it was given. */
  private static List<String> cut(Container root) {
    List<String> out = new ArrayList<>();
    for (CapProgress p : all(root, CapProgress.class)) {
      for (JLabel l : all(p, JLabel.class)) {
        if (l.getWidth() < l.getPreferredSize().width) {
          out.add(
              "label '" + l.getText() + "' " + l.getWidth() + " < " + l.getPreferredSize().width);
        }
      }
      for (JProgressBar b : all(p, JProgressBar.class)) {
        int text = b.getFontMetrics(b.getFont()).stringWidth(b.getString());
        if (b.getWidth() - 8 < text) {
          out.add("bar '" + b.getString() + "' " + b.getWidth() + " for " + text);
        }
      }
    }
    return out;
  }

  private static BufferedImage paint(JComponent c) throws Exception {
    return onEdt(
        () -> {
          BufferedImage b =
              new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
          c.paint(b.getGraphics());
          return b;
        });
  }

  @Test
  void capsShowUsedLimitPercentProjectionAndResetUncutInBothThemes() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (CI runs Xvfb)");
    Clock clock = Clock.system(ZoneId.systemDefault());
    Instant now = Instant.now();
    RulesFile rules = new RulesFile(dir.resolve("config/alerts.json"), clock);
    rules.add(new Rule.Cap(0, now, 1_000_000, Rule.Per.DAY, 1, List.of()));
    rules.add(new Rule.Cap(0, now, 300_000_000_000L, Rule.Per.MONTH, 15, List.of("eth0", "wlan0")));
    rules.add(new Rule.Cap(0, now, 1_400_000, Rule.Per.WEEK, 1, List.of()));
    Path out = Path.of("target", "cap-progress");
    Files.createDirectories(out);
    try (History h =
        History.start(
            History.Options.defaults(dir.resolve("data")).withFlushEvery(Duration.ofSeconds(1)))) {
      long[] totals = {300_000, 700_000, 1_200_000};
      for (int i = 0; i < totals.length; i++) {
        h.accept(snapshot(now.minusSeconds(totals.length - i), totals[i]));
        h.flush();
      }
      try (AlertService service = AlertService.start(h, rules, Duration.ofHours(1), clock)) {
        AlertService.State s = service.checkNow().get(30, TimeUnit.SECONDS);
        assertEquals(3, s.caps().size());
        for (boolean dark : new boolean[] {false, true}) {
          for (int[] size : new int[][] {{760, 520}, {1100, 700}}) {
            onEdt(
                () -> {
                  ThemeSupport.install(dark);
                  return null;
                });
            UsagePanel usage =
                onEdt(
                    () -> {
                      UsagePanel u =
                          new UsagePanel(
                              h, clock, new dev.hogwatch.ui.UiPrefs(dir.resolve("ui.properties")));
                      u.showCaps(service); // as the window does when it knows its alerts
                      return u;
                    });
            AlertsPanel alerts = onEdt(() -> new AlertsPanel(service, () -> ""));
            javax.swing.JTabbedPane tabs = onEdt(javax.swing.JTabbedPane::new);
            JFrame f =
                onEdt(
                    () -> {
                      tabs.addTab("Usage", usage);
                      tabs.addTab("Alerts", alerts);
                      JFrame frame = new JFrame("caps");
                      frame.setContentPane(tabs);
                      frame.setSize(size[0], size[1]);
                      frame.setVisible(true);
                      return frame;
                    });
            try {
              String name = (dark ? "dark" : "light") + "-" + size[0] + "x" + size[1];
              for (int tab = 0; tab < 2; tab++) {
                int t = tab;
                onEdt(
                    () -> {
                      tabs.setSelectedIndex(t);
                      tabs.validate();
                      return null;
                    });
                Thread.sleep(300);
                JComponent shown = t == 0 ? usage : alerts;
                List<CapProgress> caps = onEdt(() -> all(shown, CapProgress.class));
                if (t == 0) {
                  assertEquals(1, caps.size(), "the Usage tab shows the caps");
                }
                List<String> texts =
                    onEdt(
                        () -> {
                          List<String> l = new ArrayList<>();
                          all(shown, JLabel.class).forEach(x -> l.add(x.getText()));
                          all(shown, JProgressBar.class).forEach(x -> l.add(x.getString()));
                          return l;
                        });
                assertTrue(texts.contains("Data cap 1.00 MB per day:"), texts::toString);
                assertTrue(texts.contains("1.20 MB of 1.00 MB (120 %)"), texts::toString);
                assertTrue(
                    texts.stream()
                        .anyMatch(
                            x ->
                                x.matches(
                                    "Today · at this pace [0-9.]+ [kMG]?B of 1\\.00 MB by the end"
                                        + " of the day · resets at midnight · cap reached")),
                    texts::toString);
                assertTrue(
                    texts.stream()
                        .anyMatch(
                            x ->
                                x.matches(
                                    "Since \\d+ \\w+ · at this pace .* of 300 GB by \\d+ \\w+ ·"
                                        + " resets on \\d+ \\w+")),
                    texts::toString);
                assertTrue(texts.contains("1.20 MB of 1.40 MB (85 %)"), texts::toString);
                List<String> cut = onEdt(() -> cut(shown));
                ImageIO.write(
                    paint(shown), "png", out.resolve(name + "-tab" + t + ".png").toFile());
                assertTrue(cut.isEmpty(), name + " tab " + t + ": " + cut);
              }
              // the latest alerts: every title and detail whole, rows as tall as they need
              JTable table =
                  onEdt(
                      () ->
                          all(alerts, JTable.class).stream()
                              .filter(x -> "alerts.recent".equals(x.getName()))
                              .findFirst()
                              .orElseThrow());
              List<String> short_ =
                  onEdt(
                      () -> {
                        List<String> l = new ArrayList<>();
                        for (int r = 0; r < table.getRowCount(); r++) {
                          for (int c = 1; c < 3; c++) {
                            Component k = table.prepareRenderer(table.getCellRenderer(r, c), r, c);
                            if (k.getPreferredSize().height > table.getRowHeight(r)) {
                              l.add(r + "," + c + ": " + table.getValueAt(r, c));
                            }
                          }
                        }
                        return l;
                      });
              assertTrue(table.getRowCount() >= 2, "the 80 % and 100 % alerts are listed");
              assertTrue(short_.isEmpty(), "cut cells: " + short_);
            } finally {
              onEdt(
                  () -> {
                    usage.dispose();
                    f.dispose();
                    return null;
                  });
            }
          }
        }
      }
    }
  }
}
