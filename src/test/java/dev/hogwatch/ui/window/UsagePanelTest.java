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
      UsagePanel panel = onEdt(() -> new UsagePanel(h, Clock.fixed(NOW, ZONE)));
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

        // months: November (53 MB) and October (7 MB) within the last 12 months
        onEdt(() -> t.chooseMonths());
        waitFor(() -> t.periods() == 12 && t.programs() == 3, "12 months, November's 3 programs");
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
          return new java.util.ArrayList<>(x.getChart().getSeriesMap().keySet());
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
