package dev.hogwatch.ui.window;

import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.model.Units;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * The table under the chart while a span is selected: who used the network in it, biggest first,
 * with the span and its total written above ("Tue 14:05:10 – 14:05:40, 812 MB"), the stored
 * resolution the bytes come from, and a "Back to live" button. EDT only.
 */
final class SpanPanel extends JPanel {
  private static final DateTimeFormatter DAY_SECONDS =
      DateTimeFormatter.ofPattern("EEE HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter DAY_MINUTES =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ROOT);

  /** One row: a program, or the unattributed traffic (user empty). */
  record Row(String name, String user, long sent, long received, boolean unattributed) {
    long total() {
      return sent + received;
    }
  }

  private final ZoneId zone;
  private final JLabel title = new JLabel(" ");
  private final JLabel resolution = new JLabel(" ");
  private final JButton back = new JButton("Back to live");
  private final Model model = new Model();
  private final JTable table = new JTable(model);
  private RangeUsage shown;

  SpanPanel(ZoneId zone, Runnable backToLive) {
    super(new BorderLayout());
    this.zone = zone;
    JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 2));
    Font f = title.getFont();
    if (f != null) {
      title.setFont(f.deriveFont(Font.BOLD));
    }
    resolution.setEnabled(false);
    back.setToolTipText("Clear the selection and follow new data again (Esc)");
    back.addActionListener(e -> backToLive.run());
    top.add(back);
    top.add(title);
    top.add(resolution);
    add(top, BorderLayout.NORTH);
    table.setFillsViewportHeight(true);
    table.setShowGrid(false);
    table.setFocusable(false);
    table.setRowSelectionAllowed(false);
    DefaultTableCellRenderer bytes =
        new DefaultTableCellRenderer() {
          @Override
          protected void setValue(Object value) {
            setText(value == null ? "" : Units.bytes(((Number) value).longValue()));
          }
        };
    bytes.setHorizontalAlignment(SwingConstants.RIGHT);
    for (int c = 2; c < 5; c++) {
      table.getColumnModel().getColumn(c).setCellRenderer(bytes);
    }
    table.getColumnModel().getColumn(0).setPreferredWidth(260);
    JScrollPane scroll = new JScrollPane(table);
    scroll.setBorder(BorderFactory.createEmptyBorder());
    add(scroll, BorderLayout.CENTER);
  }

  /** While the answer is on its way. */
  void loading(Instant since, Instant until) {
    shown = null;
    title.setText(span(since, until, 1) + " …");
    resolution.setText(" ");
    model.set(List.of());
  }

  /** A span that cannot be answered, and why. */
  void problem(String why) {
    shown = null;
    title.setText(why);
    resolution.setText(" ");
    model.set(List.of());
  }

  void show(RangeUsage u) {
    shown = u;
    title.setText(
        span(u.since(), u.until(), u.resolutionSeconds())
            + ", "
            + Units.bytes(u.totals().totalBytes()));
    resolution.setText(resolutionText(u.resolutionSeconds()));
    model.set(rows(u));
  }

  /** The rows of an answer: programs and one "Unattributed" row, biggest total first. */
  static List<Row> rows(RangeUsage u) {
    List<Row> rows = new ArrayList<>();
    for (ProgramUsage p : u.programs()) {
      rows.add(new Row(p.name(), p.user(), p.sentBytes(), p.receivedBytes(), false));
    }
    if (u.unattributed().totalBytes() > 0) {
      rows.add(
          new Row(
              "Unattributed",
              "",
              u.unattributed().sentBytes(),
              u.unattributed().receivedBytes(),
              true));
    }
    rows.sort(Comparator.comparingLong(Row::total).reversed());
    return rows;
  }

  /** "per second (the finest kept for this span)" and so on. */
  static String resolutionText(long seconds) {
    String per =
        seconds >= 86400
            ? "per day"
            : seconds >= 3600 ? "per hour" : seconds >= 60 ? "per minute" : "per second";
    return "from the bytes stored " + per;
  }

  /** "Tue 14:05:10 – 14:05:40"; minutes when the resolution is, dates for days. */
  String span(Instant since, Instant until, long resolutionSeconds) {
    LocalDateTime a = LocalDateTime.ofInstant(since, zone);
    LocalDateTime b = LocalDateTime.ofInstant(until, zone);
    if (resolutionSeconds >= 86400) {
      LocalDateTime last = LocalDateTime.ofInstant(until.minusSeconds(1), zone);
      return a.toLocalDate().equals(last.toLocalDate())
          ? DATE.format(a)
          : DATE.format(a) + " – " + DATE.format(last);
    }
    boolean seconds = resolutionSeconds < 60;
    boolean sameDay =
        a.toLocalDate().equals(b.toLocalDate()) || b.toLocalTime().toSecondOfDay() == 0;
    DateTimeFormatter first = seconds ? DAY_SECONDS : DAY_MINUTES;
    DateTimeFormatter second = sameDay ? (seconds ? SECONDS : MINUTES) : first;
    return first.format(a) + " – " + second.format(b);
  }

  // ---- for tests ----

  RangeUsage shown() {
    return shown;
  }

  String titleText() {
    return title.getText();
  }

  String resolutionLabelText() {
    return resolution.getText();
  }

  JButton backButton() {
    return back;
  }

  List<Row> rowsShown() {
    return model.rows();
  }

  /** "firefox 1.20 MB · curl 300 kB · ssh 2.00 kB" (short names), or "no traffic". */
  static String topThree(dev.hogwatch.history.RangeUsage u) {
    List<Row> rows = rows(u);
    if (rows.isEmpty()) {
      return "no traffic";
    }
    StringBuilder b = new StringBuilder();
    for (Row r : rows.subList(0, Math.min(3, rows.size()))) {
      if (b.length() > 0) {
        b.append("  ·  ");
      }
      String n = r.name();
      int slash = n.lastIndexOf('/', n.length() - 2);
      b.append(slash >= 0 && !r.unattributed() ? n.substring(slash + 1) : n);
      b.append(' ').append(Units.bytes(r.total()));
    }
    return b.toString();
  }

  JTable table() {
    return table;
  }

  private static final class Model extends RowsModel<Row> {
    Model() {
      super("Program", "User", "Sent", "Received", "Total");
    }

    @Override
    Object cell(Row r, int column) {
      return switch (column) {
        case 0 -> r.name();
        case 1 -> r.user();
        case 2 -> r.sent();
        case 3 -> r.received();
        default -> r.total();
      };
    }

    @Override
    public Class<?> getColumnClass(int column) {
      return column < 2 ? String.class : Long.class;
    }
  }
}
