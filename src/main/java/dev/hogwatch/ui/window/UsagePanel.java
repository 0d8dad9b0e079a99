package dev.hogwatch.ui.window;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.history.HistoryStore;
import dev.hogwatch.history.PeriodUsage;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.Usage;
import dev.hogwatch.model.Units;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.event.HierarchyEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableCellRenderer;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.style.Styler;

/**
 * The "Usage" tab, vnstat-style: traffic per day or per month from the history file, as a table
 * with a bar per period, and for the selected period a bar chart and a table per program.
 *
 * <p>Example: {@code GraphWindow.addTab("Usage", () -> new UsagePanel(engine.history()))}.
 *
 * <p>Built and updated on the EDT. Data is read on the history writer thread ({@link
 * History#read}), refreshed when the tab is shown and every 10 s while it is, and handed back with
 * {@code invokeLater}.
 */
public final class UsagePanel extends JPanel {
  /** Programs drawn in the chart; the rest are summed as "other". */
  static final int CHART_PROGRAMS = 10;

  /** What one row of the period table is. */
  enum Kind {
    DAYS,
    MONTHS
  }

  /** Choices of the period chooser. */
  enum Span {
    DAYS_7(Kind.DAYS, 7, "Last 7 days"),
    DAYS_30(Kind.DAYS, 30, "Last 30 days"),
    DAYS_90(Kind.DAYS, 90, "Last 90 days"),
    MONTHS_12(Kind.MONTHS, 12, "Last 12 months"),
    MONTHS_ALL(Kind.MONTHS, 0, "All months");

    final Kind kind;
    final int count;
    final String label;

    Span(Kind kind, int count, String label) {
      this.kind = kind;
      this.count = count;
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** What a reload found: the periods (newest first) and the programs of the selected one. */
  record Data(Kind kind, List<PeriodUsage> periods, LocalDate selected, Usage programs) {}

  private final History history;
  private final Clock clock;
  private final JLabel notice = new JLabel(" ");
  private final JComboBox<Span> span = new JComboBox<>(Span.values());
  private final JRadioButton daysButton = new JRadioButton("Days", true);
  private final JRadioButton monthsButton = new JRadioButton("Months");
  private final PeriodModel periodModel = new PeriodModel();
  private final ProgramModel programModel = new ProgramModel();
  private final JTable periodTable = new JTable(periodModel);
  private final JTable programTable = new JTable(programModel);
  private final JLabel chartTitle = new JLabel(" ");
  private final CategoryChart chart;
  private final XChartPanel<CategoryChart> chartPanel;
  private final Timer refresh;
  private final Consumer<HistoryStatus> statusListener;
  private LocalDate selected; // EDT only; null: the newest period
  private boolean updating; // EDT only: table selection changed by us, not the user
  private Data shown; // EDT only
  private int generation; // EDT only: drops answers to superseded reloads

  public UsagePanel(History history) {
    this(history, Clock.system(history.zone()));
  }

  UsagePanel(History history, Clock clock) {
    super(new BorderLayout());
    this.history = history;
    this.clock = clock;
    span.setSelectedItem(Span.DAYS_30);
    ButtonGroup g = new ButtonGroup();
    g.add(daysButton);
    g.add(monthsButton);
    daysButton.addActionListener(e -> kindChosen(Kind.DAYS));
    monthsButton.addActionListener(e -> kindChosen(Kind.MONTHS));
    span.addActionListener(
        e -> {
          Span s = (Span) span.getSelectedItem();
          if (s != null) {
            (s.kind == Kind.DAYS ? daysButton : monthsButton).setSelected(true);
            selected = null;
            reload();
          }
        });
    JPanel top = new JPanel(new FlowLayout(FlowLayout.LEADING));
    top.add(new JLabel("Per"));
    top.add(daysButton);
    top.add(monthsButton);
    top.add(span);
    JPanel north = new JPanel(new BorderLayout());
    north.add(top, BorderLayout.CENTER);
    notice.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
    north.add(notice, BorderLayout.SOUTH);
    add(north, BorderLayout.NORTH);

    periodTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    periodTable.setFillsViewportHeight(true);
    periodTable.getColumnModel().getColumn(4).setCellRenderer(new BarRenderer());
    periodTable.getColumnModel().getColumn(0).setPreferredWidth(130);
    for (int c = 1; c <= 3; c++) {
      periodTable.getColumnModel().getColumn(c).setPreferredWidth(75);
    }
    periodTable.getColumnModel().getColumn(4).setPreferredWidth(120);
    programTable.getColumnModel().getColumn(0).setPreferredWidth(220);
    DefaultTableCellRenderer right = new DefaultTableCellRenderer();
    right.setHorizontalAlignment(SwingConstants.TRAILING);
    for (int c = 1; c <= 3; c++) {
      periodTable.getColumnModel().getColumn(c).setCellRenderer(right);
    }
    for (int c = 2; c <= 4; c++) {
      programTable.getColumnModel().getColumn(c).setCellRenderer(right);
    }
    periodTable
        .getSelectionModel()
        .addListSelectionListener(
            e -> {
              int row = periodTable.getSelectedRow();
              if (!e.getValueIsAdjusting() && !updating && row >= 0 && shown != null) {
                selected = shown.periods().get(row).start();
                reload();
              }
            });

    chart = new CategoryChart(480, 260);
    Styler st = chart.getStyler();
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    // values are scaled to one unit (the axis title); a formatting function would make XChart's
    // tick search loop for ever on equal labels
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setChartTitleVisible(false);
    st.setSeriesColors(new Color[] {ChartView.DOWN, ChartView.UP, Color.GRAY});
    chartPanel = new XChartPanel<>(chart);
    chartPanel.setPreferredSize(new Dimension(480, 260));
    themeChart();

    JPanel right2 = new JPanel(new BorderLayout());
    chartTitle.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
    right2.add(chartTitle, BorderLayout.NORTH);
    JSplitPane programs =
        new JSplitPane(JSplitPane.VERTICAL_SPLIT, chartPanel, new JScrollPane(programTable));
    programs.setResizeWeight(0.6);
    right2.add(programs, BorderLayout.CENTER);
    JSplitPane split =
        new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(periodTable), right2);
    split.setResizeWeight(0.4);
    add(split, BorderLayout.CENTER);

    refresh = new Timer(10_000, e -> reload());
    addHierarchyListener(
        e -> {
          if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
            if (isShowing()) {
              reload();
              refresh.start();
            } else {
              refresh.stop();
            }
          }
        });
    statusListener = s -> SwingUtilities.invokeLater(() -> showStatus(s));
    history.addStatusListener(statusListener);
  }

  private void kindChosen(Kind k) {
    Span s = (Span) span.getSelectedItem();
    if (s == null || s.kind != k) {
      span.setSelectedItem(k == Kind.DAYS ? Span.DAYS_30 : Span.MONTHS_12); // reloads
    }
  }

  private void themeChart() {
    Styler st = chart.getStyler();
    Color bg = ThemeSupport.color("Panel.background", Color.WHITE);
    Color plot = ThemeSupport.color("Table.background", Color.WHITE);
    Color fg = ThemeSupport.color("Label.foreground", Color.BLACK);
    st.setChartBackgroundColor(bg);
    st.setPlotBackgroundColor(plot);
    st.setChartFontColor(fg);
    chart.getStyler().setAxisTickLabelsColor(fg);
    st.setLegendBackgroundColor(plot);
    chartPanel.setBackground(bg);
  }

  @Override
  public void updateUI() {
    super.updateUI();
    if (chartPanel != null) { // the look and feel changed (light/dark)
      themeChart();
    }
  }

  private void showStatus(HistoryStatus s) {
    String text =
        switch (s.state()) {
          case OFF -> s.message().isEmpty() ? "History is off." : s.message();
          case RECOVERED, MEMORY_ONLY -> s.message();
          case STARTING, RECORDING -> "";
        };
    notice.setText(text.isEmpty() ? " " : text);
    notice.setForeground(
        s.needsAttention()
            ? new Color(0xC0392B)
            : ThemeSupport.color("Label.foreground", Color.BLACK));
    notice.setToolTipText(text.isEmpty() ? null : text);
  }

  /** Reads the chosen periods (and the selected one's programs) off the EDT, then shows them. */
  void reload() {
    Span s = (Span) span.getSelectedItem();
    if (s == null) {
      return;
    }
    LocalDate want = selected;
    LocalDate today = LocalDate.now(clock);
    int gen = ++generation;
    var unused =
        history
            .read(store -> load(store, s, want, today))
            .whenComplete(
                (data, error) ->
                    SwingUtilities.invokeLater(
                        () -> {
                          if (gen == generation) {
                            if (data != null) {
                              show(data);
                            } else {
                              chartTitle.setText("History cannot be read: " + message(error));
                            }
                          }
                        }));
  }

  private static String message(Throwable t) {
    Throwable c = t.getCause() != null ? t.getCause() : t;
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  /** On the history thread: every period of the span (zeros included), newest first. */
  static Data load(HistoryStore store, Span s, LocalDate selected, LocalDate today)
      throws SQLException {
    List<PeriodUsage> periods = new ArrayList<>();
    if (s.kind == Kind.DAYS) {
      LocalDate from = today.minusDays(s.count - 1L);
      Map<LocalDate, PeriodUsage> got = new HashMap<>();
      for (PeriodUsage p : store.days(from, today)) {
        got.put(p.start(), p);
      }
      for (LocalDate d = today; !d.isBefore(from); d = d.minusDays(1)) {
        periods.add(got.getOrDefault(d, new PeriodUsage(d, 0, 0)));
      }
    } else {
      LocalDate first = store.firstDay();
      YearMonth last = YearMonth.from(today);
      YearMonth start =
          s.count > 0
              ? last.minusMonths(s.count - 1L)
              : first == null ? last : YearMonth.from(first);
      Map<LocalDate, PeriodUsage> got = new HashMap<>();
      for (PeriodUsage p : store.months(start.atDay(1), today)) {
        got.put(p.start(), p);
      }
      for (YearMonth m = last; !m.isBefore(start); m = m.minusMonths(1)) {
        periods.add(got.getOrDefault(m.atDay(1), new PeriodUsage(m.atDay(1), 0, 0)));
      }
    }
    LocalDate sel = periods.get(0).start();
    for (PeriodUsage p : periods) {
      if (p.start().equals(selected)) {
        sel = selected;
      }
    }
    LocalDate end = s.kind == Kind.DAYS ? sel : YearMonth.from(sel).atEndOfMonth();
    return new Data(s.kind, periods, sel, store.usage(sel, end));
  }

  private void show(Data d) {
    shown = d;
    updating = true;
    try {
      periodModel.set(d);
      int row = 0;
      for (int i = 0; i < d.periods().size(); i++) {
        if (d.periods().get(i).start().equals(d.selected())) {
          row = i;
        }
      }
      periodTable.getSelectionModel().setSelectionInterval(row, row);
    } finally {
      updating = false;
    }
    programModel.set(d.programs().programs());
    String label = periodLabel(d.kind(), d.selected());
    chartTitle.setText(
        label
            + ": "
            + Units.bytes(d.programs().totalBytes())
            + " ("
            + Units.bytes(d.programs().receivedBytes())
            + " received, "
            + Units.bytes(d.programs().sentBytes())
            + " sent)");
    updateChart(d.programs().programs());
  }

  static String periodLabel(Kind kind, LocalDate start) {
    if (kind == Kind.DAYS) {
      return start.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.getDefault())
          + " "
          + start.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
    return start.getMonth().getDisplayName(TextStyle.FULL, Locale.getDefault())
        + " "
        + start.getYear();
  }

  private void updateChart(List<ProgramUsage> programs) {
    List<String> names = new ArrayList<>();
    List<Long> down = new ArrayList<>();
    List<Long> up = new ArrayList<>();
    long otherDown = 0;
    long otherUp = 0;
    for (int i = 0; i < programs.size(); i++) {
      ProgramUsage p = programs.get(i);
      if (i < CHART_PROGRAMS) {
        String n = Subject.shortName(p.name());
        // the same short name twice (two users) must stay two bars
        names.add(names.contains(n) ? n + " (" + p.user() + ")" : n);
        down.add(p.receivedBytes());
        up.add(p.sentBytes());
      } else {
        otherDown += p.receivedBytes();
        otherUp += p.sentBytes();
      }
    }
    if (otherDown + otherUp > 0) {
      names.add("other " + (programs.size() - CHART_PROGRAMS));
      down.add(otherDown);
      up.add(otherUp);
    }
    if (names.isEmpty()) {
      names.add("no traffic");
      down.add(0L);
      up.add(0L);
    }
    long max = 1;
    for (int i = 0; i < names.size(); i++) {
      max = Math.max(max, down.get(i) + up.get(i));
    }
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    double scale = 1;
    while (u < units.length - 1 && max / scale >= 1000) {
      scale *= 1000;
      u++;
    }
    List<Double> downScaled = new ArrayList<>();
    List<Double> upScaled = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      downScaled.add(down.get(i) / scale);
      upScaled.add(up.get(i) / scale);
    }
    chart.setYAxisTitle(units[u]);
    chart.getSeriesMap().clear();
    chart.addSeries("Received", names, downScaled);
    chart.addSeries("Sent", names, upScaled);
    chartPanel.revalidate();
    chartPanel.repaint();
  }

  /** Removes the status listener (when the window closes). */
  @Override
  public void removeNotify() {
    super.removeNotify();
    refresh.stop();
  }

  /** Releases the history status listener; the panel is not used afterwards. */
  public void dispose() {
    refresh.stop();
    history.removeStatusListener(statusListener);
  }

  // ---------------------------------------------------------------- tables

  /** The periods: label, received, sent, total, and a bar scaled to the largest total. */
  static final class PeriodModel extends NamedColumnsModel {
    private Data data;
    private long max;

    PeriodModel() {
      super("Period", "Received", "Sent", "Total", "");
    }

    void set(Data d) {
      data = d;
      max = 1;
      for (PeriodUsage p : d.periods()) {
        max = Math.max(max, p.totalBytes());
      }
      fireTableDataChanged();
    }

    @Override
    public int getRowCount() {
      return data == null ? 0 : data.periods().size();
    }

    @Override
    public Object getValueAt(int row, int col) {
      PeriodUsage p = data.periods().get(row);
      return switch (col) {
        case 0 ->
            data.kind() == Kind.DAYS
                ? periodLabel(Kind.DAYS, p.start())
                : p.start().format(DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT));
        case 1 -> Units.bytes(p.receivedBytes());
        case 2 -> Units.bytes(p.sentBytes());
        case 3 -> Units.bytes(p.totalBytes());
        default -> new double[] {(double) p.receivedBytes() / max, (double) p.sentBytes() / max};
      };
    }
  }

  /** The programs of the selected period. */
  static final class ProgramModel extends NamedColumnsModel {
    private List<ProgramUsage> rows = List.of();

    ProgramModel() {
      super("Program", "User", "Received", "Sent", "Total");
    }

    void set(List<ProgramUsage> r) {
      rows = List.copyOf(r);
      fireTableDataChanged();
    }

    @Override
    public int getRowCount() {
      return rows.size();
    }

    @Override
    public Object getValueAt(int row, int col) {
      ProgramUsage p = rows.get(row);
      return switch (col) {
        case 0 -> p.name();
        case 1 -> p.user();
        case 2 -> Units.bytes(p.receivedBytes());
        case 3 -> Units.bytes(p.sentBytes());
        default -> Units.bytes(p.totalBytes());
      };
    }
  }

  /** vnstat's bar: received then sent, as shares of the largest period. */
  static final class BarRenderer extends JPanel implements TableCellRenderer {
    private double[] shares = {0, 0};

    @Override
    public Component getTableCellRendererComponent(
        JTable table, Object value, boolean isSelected, boolean hasFocus, int row, int column) {
      shares = value instanceof double[] d ? d : new double[] {0, 0};
      setBackground(isSelected ? table.getSelectionBackground() : table.getBackground());
      return this;
    }

    @Override
    protected void paintComponent(Graphics g) {
      super.paintComponent(g);
      int w = getWidth() - 8;
      int h = Math.max(4, getHeight() - 8);
      int down = (int) Math.round(w * shares[0]);
      int up = (int) Math.round(w * shares[1]);
      g.setColor(ChartView.DOWN);
      g.fillRect(4, 4, down, h);
      g.setColor(ChartView.UP);
      g.fillRect(4 + down, 4, up, h);
    }
  }
}
