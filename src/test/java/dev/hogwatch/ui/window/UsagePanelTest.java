package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Usage tab over a real history file: periods, the selected period's programs, switching to
 * months, the history notice; and {@link HistoryPast} answering the window's ranges from it. Needs
 * a display (CI provides Xvfb).
 */
class UsagePanelTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

  @TempDir Path dir;

  private final List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler before;

  /** Any exception thrown on any thread (the event thread included) fails the test. */
  @org.junit.jupiter.api.BeforeEach
  void catchUncaught() {
    before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((th, e) -> uncaught.add(e));
  }

  @org.junit.jupiter.api.AfterEach
  void noneUncaught() throws Exception {
    SwingUtilities.invokeAndWait(() -> {}); // let queued paints run
    Thread.setDefaultUncaughtExceptionHandler(before);
    if (!uncaught.isEmpty()) {
      AssertionError e = new AssertionError("uncaught exception: " + uncaught.get(0));
      uncaught.forEach(e::addSuppressed);
      throw e;
    }
  }

  private dev.hogwatch.ui.UiPrefs prefs() {
    return new dev.hogwatch.ui.UiPrefs(dir.resolve("ui.properties"));
  }

  private static JFrame showInFrame(UsagePanel panel, int w, int h) throws Exception {
    return onEdt(
        () -> {
          JFrame f = new JFrame("usage");
          f.setContentPane(panel);
          f.setSize(w, h);
          f.setVisible(true); // showing starts the first load
          return f;
        });
  }

  private static void close(UsagePanel panel, JFrame frame) throws Exception {
    onEdt(
        () -> {
          panel.dispose();
          frame.dispose();
          return null;
        });
  }

  /** Paints the whole panel off screen, as the window would, and returns the picture. */
  private static BufferedImage paint(UsagePanel panel) throws Exception {
    return onEdt(
        () -> {
          BufferedImage b =
              new BufferedImage(panel.getWidth(), panel.getHeight(), BufferedImage.TYPE_INT_RGB);
          panel.paint(b.getGraphics());
          return b;
        });
  }

  @Test
  void anEmptyHistorySaysSoInWordsAndDrawsNoChart() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (CI runs Xvfb)");
    try (History h =
        History.start(History.Options.defaults(dir).withClock(Clock.fixed(NOW, ZONE)))) {
      UsagePanel panel = onEdt(() -> new UsagePanel(h, Clock.fixed(NOW, ZONE), prefs()));
      JFrame frame = showInFrame(panel, 760, 480);
      try {
        waitFor(() -> UsagePanel.NOTHING_YET.equals(panel.message()), "the empty-history words");
        paint(panel); // the first paint used to throw in XChart (a chart with no series)
        onEdt(() -> new JTableView(panel).chooseMonths());
        waitFor(() -> UsagePanel.NOTHING_YET.equals(panel.message()), "the same for months");
        paint(panel);
      } finally {
        close(panel, frame);
      }
    }
  }

  @Test
  void historyOffSaysWhyAndWhatToDoWithoutJavaText() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (CI runs Xvfb)");
    History h = History.off("History is off in demo mode (give --data-dir to record the demo).");
    UsagePanel panel = onEdt(() -> new UsagePanel(h, Clock.fixed(NOW, ZONE), prefs()));
    JFrame frame = showInFrame(panel, 760, 480);
    try {
      waitFor(() -> panel.message() != null && panel.message().contains("--data-dir"), "why");
      String m = onEdt(panel::message);
      assertTrue(
          !m.contains("java.") && !m.contains("Exception") && !m.contains("Task "),
          "no Java text reaches the user: " + m);
      paint(panel);
    } finally {
      close(panel, frame);
      h.close();
    }
  }

  /**
   * Capture never ran (no permission): the days come from the interface totals, start at the first
   * recorded day, and the program part says why it is empty and what to do.
   */
  @Test
  void withoutCaptureTheDaysComeFromTheInterfacesAndStartAtTheFirstOne() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (CI runs Xvfb)");
    try (History h =
        History.start(
            History.Options.defaults(dir)
                .withClock(Clock.fixed(NOW, ZONE))
                .withFlushEvery(Duration.ofHours(1)))) {
      Accounting acc = new Accounting(Long.MAX_VALUE, 100, p -> true, uid -> "u");
      CaptureStatus refused =
          CaptureStatus.of(CaptureStatus.State.NO_PERMISSION, "no capture permission");
      long[] rx = {1_000_000};
      int[] step = {0};
      java.util.function.Consumer<Instant> sample =
          t -> {
            step[0]++;
            rx[0] += 2_500_000_000L; // 2.5 GB a step: wide numbers
            acc.apply(
                new dev.hogwatch.model.InterfaceSample(
                    step[0] * 1_000_000_000L,
                    List.of(
                        new dev.hogwatch.model.InterfaceSample.Counter(
                            "eth0", rx[0], rx[0] / 10))));
            h.accept(acc.snapshot(t, step[0] * 1_000_000_000L, refused, 0));
            try {
              h.flush();
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          };
      sample.accept(NOW.minus(Duration.ofDays(2)).minusSeconds(1)); // baseline
      sample.accept(NOW.minus(Duration.ofDays(2)));
      sample.accept(NOW.minus(Duration.ofMinutes(5)));
      UsagePanel panel = onEdt(() -> new UsagePanel(h, Clock.fixed(NOW, ZONE), prefs()));
      JFrame frame = showInFrame(panel, 760, 480);
      try {
        JTableView t = new JTableView(panel);
        waitFor(() -> t.periods() == 3, "three days: from the first recorded one to today");
        assertEquals("Mon 2026-11-23", onEdt(() -> t.period(2, 0)), "the first recorded day");
        assertEquals("2.75 GB", onEdt(() -> t.period(0, 3)), "today: 2.5 GB in, 250 MB out");
        assertEquals("0 B", onEdt(() -> t.period(1, 3)), "a day without traffic in between");
        waitFor(() -> panel.chartMessage() != null, "words instead of the per-program chart");
        assertTrue(onEdt(panel::chartMessage).contains("capture permission"));
        snapshot(panel, "usage-no-capture.png");
      } finally {
        close(panel, frame);
      }
    }
  }

  /** At the window's default size every value of every fixed column is shown in full. */
  @Test
  void columnsFitTheirValuesAndTheAverageFollowsTheUnits() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (CI runs Xvfb)");
    try (History h = record()) {
      dev.hogwatch.ui.UiPrefs prefs = prefs();
      UsagePanel panel = onEdt(() -> new UsagePanel(h, Clock.fixed(NOW, ZONE), prefs));
      JFrame frame = showInFrame(panel, 760, 520); // the graph window's default size
      try {
        JTableView t = new JTableView(panel);
        waitFor(() -> t.periods() == 30 && t.programs() == 2, "the data");
        for (int which = 0; which < 2; which++) {
          int w = which;
          String cut = onEdt(() -> t.firstCutCell(w));
          assertEquals(null, cut, "a cut cell in table " + which);
        }
        assertTrue(onEdt(() -> t.period(0, 4)).endsWith("B/s"), onEdt(() -> t.period(0, 4)));
        prefs.setUnits(dev.hogwatch.model.Units.Mode.BITS);
        waitFor(() -> t.period(0, 4).endsWith("bit/s"), "the average in bits per second");
        assertEquals(null, onEdt(() -> t.firstCutCell(0)), "still fits in bits");
      } finally {
        close(panel, frame);
      }
    }
  }

  /** Today: firefox 3 MB down, curl 1 kB up; yesterday: apt 50 MB down; 40 days ago: 7 MB. */
  private History record() throws Exception {
    History h =
        History.start(
            History.Options.defaults(dir)
                .withClock(Clock.fixed(NOW, ZONE))
                .withFlushEvery(Duration.ofHours(1)));
    Accounting acc =
        new Accounting(Long.MAX_VALUE, 100, p -> true, uid -> uid == 0 ? "root" : "ann");
    Object[][] steps = {
      {NOW.minus(Duration.ofDays(40)), "/usr/bin/wget", 0, 0L, 7_000_000L},
      {NOW.minus(Duration.ofDays(1)), "/usr/bin/apt", 0, 0L, 50_000_000L},
      {NOW.minus(Duration.ofMinutes(30)), "/usr/lib/firefox/firefox", 1000, 20_000L, 3_000_000L},
      {NOW.minus(Duration.ofMinutes(20)), "/usr/bin/curl", 1000, 1000L, 0L},
    };
    long nanos = 0;
    java.util.Map<String, long[]> cum = new java.util.LinkedHashMap<>();
    for (Object[] s : steps) {
      long[] c = cum.computeIfAbsent(s[1] + "/" + s[2], k -> new long[2]);
      c[0] += (Long) s[3];
      c[1] += (Long) s[4];
      java.util.List<TraceLine> lines = new java.util.ArrayList<>();
      cum.forEach(
          (k, v) -> {
            int slash = k.lastIndexOf('/');
            lines.add(
                new TraceLine(
                    k.substring(0, slash),
                    100 + lines.size(),
                    Integer.parseInt(k.substring(slash + 1)),
                    v[0],
                    v[1]));
          });
      nanos += 1_000_000_000L;
      acc.apply(new Refresh(nanos, 1, lines));
      h.accept(
          acc.snapshot(
              (Instant) s[0], nanos, CaptureStatus.of(CaptureStatus.State.RUNNING, ""), 0));
      h.flush();
    }
    return h;
  }

  private static <T> T onEdt(Supplier<T> s) throws Exception {
    AtomicReference<T> r = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> r.set(s.get()));
    return r.get();
  }

  private static void waitFor(Supplier<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!onEdt(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void showsDaysMonthsAndProgramsOfTheSelectedPeriod() throws Exception {
    Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display (CI runs Xvfb)");
    try (History h = record()) {
      UsagePanel panel = onEdt(() -> new UsagePanel(h, Clock.fixed(NOW, ZONE), prefs()));
      JFrame frame =
          onEdt(
              () -> {
                JFrame f = new JFrame("usage");
                f.setContentPane(panel);
                f.setSize(1000, 560);
                f.setVisible(true); // showing starts the first load
                return f;
              });
      try {
        JTableView t = new JTableView(panel);
        waitFor(() -> t.periods() == 30 && t.programs() == 2, "30 days and today's 2 programs");
        assertEquals("Wed 2026-11-25", onEdt(() -> t.period(0, 0)));
        assertEquals("3.02 MB", onEdt(() -> t.period(0, 3)));
        assertEquals("/usr/lib/firefox/firefox", onEdt(() -> t.program(0, 0)));
        assertEquals("ann", onEdt(() -> t.program(0, 1)));
        assertEquals("0 B", onEdt(() -> t.period(2, 3)), "a day without traffic is a zero row");
        // the chart: received and sent per program, stacked
        assertEquals(List.of("Received", "Sent"), onEdt(t::series));

        // yesterday
        onEdt(() -> t.selectPeriod(1));
        waitFor(() -> t.programs() == 1 && "/usr/bin/apt".equals(t.program(0, 0)), "yesterday");
        assertEquals("50.0 MB", onEdt(() -> t.program(0, 2)));
        snapshot(panel, "usage-days.png");

        // months: November (53 MB) and October (7 MB): the list starts at the first recorded month
        onEdt(() -> t.chooseMonths());
        waitFor(() -> t.periods() == 2 && t.programs() == 3, "2 months, November's 3 programs");
        assertEquals("2026-11", onEdt(() -> t.period(0, 0)));
        assertEquals("53.0 MB", onEdt(() -> t.period(0, 3)));
        assertEquals("7.00 MB", onEdt(() -> t.period(1, 3)));
        snapshot(panel, "usage-months.png");
      } finally {
        onEdt(
            () -> {
              panel.dispose();
              frame.dispose();
              return null;
            });
      }
    }
  }

  /** The window's past after a restart: the chart's ranges read the rollups. */
  @Test
  void historyPastAnswersTheWindowsRanges() throws Exception {
    try (History h = record()) {
      HistoryPast past = new HistoryPast(h);
      long from = NOW.minus(Duration.ofHours(1)).getEpochSecond();
      RateSeries r = past.rates(Subject.GLOBAL, from, NOW.getEpochSecond(), 600);
      assertTrue(r.size() > 0 && r.size() <= 600, "points: " + r.size());
      double down = 0;
      for (int i = 0; i < r.size(); i++) {
        down += r.down(i) * (i + 1 < r.size() ? r.second(i + 1) - r.second(i) : 6);
      }
      assertEquals(3_000_000, down, 1, "the bytes of the last hour come back as rates");
      RateSeries ff =
          past.rates(
              Subject.process("/usr/lib/firefox/firefox", 4242, 1000),
              from,
              NOW.getEpochSecond(),
              600);
      assertTrue(ff.max() > 0, "a process is shown as its program");
      assertEquals(
          NOW.minus(Duration.ofDays(40)).getEpochSecond() / 3600 * 3600,
          past.earliest(Subject.GLOBAL).getAsLong(),
          "earliest to the hour");
      assertTrue(past.earliest(Subject.program("nobody", 5)).isEmpty());
    }
  }

  private static void snapshot(UsagePanel panel, String name) throws Exception {
    BufferedImage img =
        onEdt(
            () -> {
              BufferedImage b =
                  new BufferedImage(
                      panel.getWidth(), panel.getHeight(), BufferedImage.TYPE_INT_RGB);
              panel.paint(b.getGraphics());
              return b;
            });
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    ImageIO.write(img, "png", out.toFile());
  }

  /** Reaches into the panel's tables and chooser (same package). */
  private static final class JTableView {
    private final UsagePanel p;

    JTableView(UsagePanel p) {
      this.p = p;
    }

    private javax.swing.JTable table(int which) {
      List<javax.swing.JTable> tables = new java.util.ArrayList<>();
      collect(p, tables);
      return tables.get(which);
    }

    private static void collect(java.awt.Container c, List<javax.swing.JTable> out) {
      for (java.awt.Component k : c.getComponents()) {
        if (k instanceof javax.swing.JTable t) {
          out.add(t);
        } else if (k instanceof java.awt.Container cc) {
          collect(cc, out);
        }
      }
    }

    int periods() {
      return table(0).getRowCount();
    }

    int programs() {
      return table(1).getRowCount();
    }

    String period(int row, int col) {
      return String.valueOf(table(0).getValueAt(row, col));
    }

    String program(int row, int col) {
      return String.valueOf(table(1).getValueAt(row, col));
    }

    Object selectPeriod(int row) {
      table(0).setRowSelectionInterval(row, row);
      return null;
    }

    List<String> series() {
      List<java.awt.Component> all = new java.util.ArrayList<>();
      collectAll(p, all);
      for (java.awt.Component k : all) {
        if (k instanceof org.knowm.xchart.XChartPanel<?> x) {
          return x.getChart().getSeriesCollection().stream()
              .map(s -> ((org.knowm.xchart.internal.series.Series) s).getName())
              .toList();
        }
      }
      return List.of();
    }

    private static void collectAll(java.awt.Container c, List<java.awt.Component> out) {
      for (java.awt.Component k : c.getComponents()) {
        out.add(k);
        if (k instanceof java.awt.Container cc) {
          collectAll(cc, out);
        }
      }
    }

    /** The first cell whose text is wider than its column (fixed columns only), or null. */
    String firstCutCell(int which) {
      javax.swing.JTable t = table(which);
      int flexible = which == 0 ? t.getColumnCount() - 1 : 0;
      for (int c = 0; c < t.getColumnCount(); c++) {
        if (c == flexible) {
          continue;
        }
        int width = t.getColumnModel().getColumn(c).getWidth();
        for (int r = -1; r < t.getRowCount(); r++) {
          java.awt.Component k =
              r < 0
                  ? t.getTableHeader()
                      .getDefaultRenderer()
                      .getTableCellRendererComponent(
                          t, t.getColumnModel().getColumn(c).getHeaderValue(), false, false, -1, c)
                  : t.getCellRenderer(r, c)
                      .getTableCellRendererComponent(t, t.getValueAt(r, c), false, false, r, c);
          if (k.getPreferredSize().width > width) {
            return "row "
                + r
                + " column "
                + c
                + " ("
                + t.getValueAt(Math.max(r, 0), c)
                + "): "
                + k.getPreferredSize().width
                + " > "
                + width
                + " min "
                + t.getColumnModel().getColumn(c).getMinWidth();
          }
        }
      }
      return null;
    }

    Object chooseMonths() {
      List<java.awt.Component> all = new java.util.ArrayList<>();
      collectAll(p, all);
      for (java.awt.Component k : all) {
        if (k instanceof javax.swing.JRadioButton b && b.getText().equals("Months")) {
          b.doClick();
        }
      }
      return null;
    }
  }
}
