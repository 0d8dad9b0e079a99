package dev.hogwatch.ui.window;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.history.PeriodUsage;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.Usage;
import dev.hogwatch.model.Units;
import dev.hogwatch.ui.UiPrefs;
import dev.hogwatch.ui.window.UsageTables.BarRenderer;
import dev.hogwatch.ui.window.UsageTables.PeriodModel;
import dev.hogwatch.ui.window.UsageTables.ProgramModel;
import dev.hogwatch.ui.window.UsageTables.ProgramRenderer;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridBagLayout;
import java.awt.event.HierarchyEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableColumn;
import javax.swing.table.TableColumnModel;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.style.Styler;

/**
 * The "Usage" tab, vnstat-style: traffic per day or per month from the history file, as a table
 * with a bar per period, and for the selected period a bar chart and a table per program.
 *
 * <p>Example: {@code graphs.addTab("Usage", () -> new UsagePanel(engine.history(), prefs))}.
 *
 * <p>The periods come from each interface's kernel counters ({@code /proc/net/dev}), which are
 * recorded whatever the capture state, so days and months show even when nethogs cannot run; days
 * recorded before interfaces were (older history files) fall back to the sum of the programs. The
 * list starts at the first recorded day. The per-program chart and table fill while capture works.
 * Empty states are sentences, never an empty chart: XChart is only handed data to draw.
 *
 * <p>Built and updated on the EDT. Data is read on the history writer thread ({@link
 * History#read}), refreshed when the tab is shown and every 10 s while it is, and handed back with
 * {@code invokeLater}.
 */
public final class UsagePanel extends JPanel {
  private static final Logger LOG = Logger.getLogger(UsagePanel.class.getName());

  /** Programs drawn in the chart; the rest are summed as "other". */
  static final int CHART_PROGRAMS = 10;

  /** The interface chooser's first entry: every device summed. */
  static final String ALL_INTERFACES = "All interfaces";

  /** What the tab says before anything was recorded. */
  static final String NOTHING_YET =
      "Nothing recorded yet: history starts when capture runs. Interface totals need no capture"
          + " permission: the first day appears here a few seconds after the network moves"
          + " bytes.";

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

  /**
   * What a reload found: the periods (newest first, from the first recorded one; empty when nothing
   * was recorded), the programs of the selected one, the devices with history, and today.
   */
  record Data(
      Kind kind,
      List<PeriodUsage> periods,
      LocalDate selected,
      Usage programs,
      List<String> devices,
      LocalDate today,
      int secondOfDay) {}

  private static final String CARD_MESSAGE = "message";
  private static final String CARD_CONTENT = "content";
  private static final String CARD_CHART = "chart";

  private final History history;
  private final Clock clock;
  private final UiPrefs prefs;
  private final JLabel notice = new JLabel(" ");
  private final JPanel north = new JPanel(new BorderLayout());
  private CapProgress caps; // EDT only; null until the window gives the alert service
  private final JPanel controls = new JPanel(new FlowLayout(FlowLayout.LEADING));
  private final JComboBox<Span> span = new JComboBox<>(Span.values());
  private final JComboBox<String> device = new JComboBox<>(new String[] {ALL_INTERFACES});
  private final JRadioButton daysButton = new JRadioButton("Days", true);
  private final JRadioButton monthsButton = new JRadioButton("Months");
  private final PeriodModel periodModel = new PeriodModel();
  private final ProgramModel programModel = new ProgramModel();
  private final JTable periodTable = new JTable(periodModel);
  private final JTable programTable = new JTable(programModel);
  private final JLabel chartTitle = new JLabel(" ");
  private final CardLayout cards = new CardLayout();
  private final JPanel body = new JPanel(cards);
  private final JTextArea message = wrapping();
  private final CardLayout chartCards = new CardLayout();
  private final JPanel chartArea = new JPanel(chartCards);
  private final JTextArea chartMessage = wrapping();
  private final CategoryChart chart;
  private final XChartPanel<CategoryChart> chartPanel;
  private final Timer refresh;
  private final Consumer<HistoryStatus> statusListener;
  private final Runnable prefsListener;
  private LocalDate selected; // EDT only; null: the newest period
  private boolean updating; // EDT only: table selection changed by us, not the user
  private Data shown; // EDT only
  private HistoryStatus status; // EDT only
  private int generation; // EDT only: drops answers to superseded reloads

  /** The Usage tab over {@code history}, its units from {@code prefs}. */
  public UsagePanel(History history, UiPrefs prefs) {
    this(history, Clock.system(history.zone()), prefs);
  }

  UsagePanel(History history, Clock clock, UiPrefs prefs) {
    super(new BorderLayout());
    this.history = history;
    this.clock = clock;
    this.prefs = prefs;
    this.status = history.status();
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
    device.setToolTipText("Traffic of one network interface, or of all of them");
    device.addActionListener(
        e -> {
          if (!updating) {
            reload();
          }
        });
    JPanel top = controls;
    top.add(new JLabel("Per"));
    top.add(daysButton);
    top.add(monthsButton);
    top.add(span);
    top.add(device);
    north.add(top, BorderLayout.CENTER);
    notice.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
    north.add(notice, BorderLayout.SOUTH);
    add(north, BorderLayout.NORTH);

    periodTable.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    periodTable.setFillsViewportHeight(true);
    periodTable.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
    periodTable.getColumnModel().getColumn(PeriodModel.BAR).setCellRenderer(new BarRenderer());
    programTable.setAutoResizeMode(JTable.AUTO_RESIZE_SUBSEQUENT_COLUMNS);
    programTable.setFillsViewportHeight(true);
    DefaultTableCellRenderer right = new DefaultTableCellRenderer();
    right.setHorizontalAlignment(SwingConstants.TRAILING);
    for (int c = 1; c < PeriodModel.BAR; c++) {
      periodTable.getColumnModel().getColumn(c).setCellRenderer(right);
    }
    for (int c = 2; c <= 4; c++) {
      programTable.getColumnModel().getColumn(c).setCellRenderer(right);
    }
    programTable.getColumnModel().getColumn(0).setCellRenderer(new ProgramRenderer());
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
    // below the plot: inside it the legend would cover the tallest bars
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    // values are scaled to one unit (the axis title); a formatting function would make XChart's
    // tick search loop for ever on equal labels
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setChartTitleVisible(false);
    st.setSeriesColors(new Color[] {ChartView.DOWN, ChartView.UP, Color.GRAY});
    chartPanel = new XChartPanel<>(chart);
    chartPanel.setPreferredSize(new Dimension(360, 200));
    chartPanel.setMinimumSize(new Dimension(160, 100));
    // the chart is only in the card layout once it has series: XChart cannot paint without
    chartArea.add(centered(chartMessage), CARD_MESSAGE);
    chartArea.setPreferredSize(new Dimension(360, 200));
    chartMessage.setText("Loading…");
    themeChart();

    JPanel bottom = new JPanel(new BorderLayout());
    chartTitle.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
    bottom.add(chartTitle, BorderLayout.NORTH);
    JScrollPane programScroll = new JScrollPane(programTable);
    programScroll.setPreferredSize(new Dimension(360, 200));
    JSplitPane programs = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, chartArea, programScroll);
    programs.setResizeWeight(0.5);
    programs.setBorder(null);
    bottom.add(programs, BorderLayout.CENTER);
    JScrollPane periodScroll = new JScrollPane(periodTable);
    periodScroll.setPreferredSize(new Dimension(600, 160));
    JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, periodScroll, bottom);
    split.setResizeWeight(0.45);
    split.setBorder(null);
    body.add(centered(message), CARD_MESSAGE);
    body.add(split, CARD_CONTENT);
    message.setText("Loading…");
    add(body, BorderLayout.CENTER);
    fitColumns();

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
    prefsListener = () -> SwingUtilities.invokeLater(this::unitsChanged);
    prefs.onChange(prefsListener);
  }

  /**
   * Shows each data cap of {@code alerts} above the days and months ({@link CapProgress}); null
   * shows none. Called by the window when it knows its alerts. EDT only.
   */
  void showCaps(dev.hogwatch.alerts.AlertService alerts) {
    if (caps != null) {
      north.remove(caps);
      caps = null;
    }
    if (alerts != null) {
      caps = new CapProgress(alerts);
      north.add(caps, BorderLayout.NORTH);
    }
    north.revalidate();
  }

  private static JTextArea wrapping() {
    JTextArea a = new JTextArea(3, 36);
    a.setEditable(false);
    a.setFocusable(false);
    a.setLineWrap(true);
    a.setWrapStyleWord(true);
    a.setOpaque(false);
    a.setBorder(null);
    return a;
  }

  private static JComponent centered(JTextArea text) {
    JPanel p = new JPanel(new GridBagLayout());
    p.add(text);
    return p;
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
    if (chartArea.getComponentCount() < 2) { // not in the tree yet: update it by hand
      SwingUtilities.updateComponentTreeUI(chartPanel);
    }
  }

  @Override
  public void updateUI() {
    super.updateUI();
    if (chartPanel != null) { // the look and feel changed (light/dark)
      themeChart();
      fitColumns();
      showStatus(status);
    }
  }

  private void unitsChanged() {
    periodModel.setMode(prefs.units());
    fitColumns();
  }

  private void showStatus(HistoryStatus s) {
    status = s;
    String text =
        switch (s.state()) {
          case OFF -> "";
          case RECOVERED, MEMORY_ONLY -> s.message();
          case STARTING, RECORDING -> "";
        };
    notice.setText(text);
    notice.setVisible(!text.isEmpty()); // no empty line above the table
    notice.setForeground(
        s.needsAttention()
            ? new Color(0xC0392B)
            : ThemeSupport.color("Label.foreground", Color.BLACK));
    notice.setToolTipText(text.isEmpty() ? null : text);
    if (s.state() == HistoryStatus.State.OFF) {
      showMessage(offText(s));
    } else if (shown == null && isShowing()) {
      reload(); // history has started (or was moved to memory): read it
    }
  }

  /** Why there is no history, and what to do about it. */
  static String offText(HistoryStatus s) {
    if (s.message().isEmpty()) {
      return "History is off. Days and months of traffic are shown here when Hogwatch records"
          + " history: start it without --no-history (in demo mode, give --data-dir).";
    }
    return s.message() + " Days and months of traffic are shown here when history is recorded.";
  }

  private void showMessage(String text) {
    shown = null;
    // choosers that cannot change anything are hidden while history is off
    controls.setVisible(status.state() != HistoryStatus.State.OFF);
    message.setText(text);
    cards.show(body, CARD_MESSAGE);
  }

  /** Reads the chosen periods (and the selected one's programs) off the EDT, then shows them. */
  void reload() {
    Span s = (Span) span.getSelectedItem();
    if (s == null) {
      return;
    }
    if (status.state() == HistoryStatus.State.OFF) {
      showMessage(offText(status));
      return;
    }
    LocalDate want = selected;
    LocalDateTime now = LocalDateTime.now(clock);
    String dev = device.getSelectedIndex() <= 0 ? null : (String) device.getSelectedItem();
    int gen = ++generation;
    var unused =
        history
            .read(store -> load(store, s, dev, want, now))
            .whenComplete(
                (data, error) ->
                    SwingUtilities.invokeLater(
                        () -> {
                          if (gen != generation) {
                            return;
                          }
                          if (data != null) {
                            show(data);
                          } else if (status.state() == HistoryStatus.State.OFF) {
                            showMessage(offText(status));
                          } else {
                            LOG.log(Level.WARNING, "reading the usage history failed", error);
                            showMessage(
                                "The history file cannot be read just now. Hogwatch keeps"
                                    + " recording and tries again in a few seconds; if this"
                                    + " stays, restart Hogwatch (details are in its log).");
                          }
                        }));
  }

  /**
   * On the history thread: the periods of the span from the first recorded day on, newest first
   * (days without traffic in between are zero rows); empty when nothing was recorded.
   */
  static Data load(
      History.Reader store, Span s, String device, LocalDate selected, LocalDateTime now) {
    LocalDate today = now.toLocalDate();
    List<String> devices = store.interfaces();
    LocalDate first = store.firstTrafficDay(device);
    if (first == null || first.isAfter(today)) {
      return new Data(
          s.kind,
          List.of(),
          null,
          new Usage(Instant.EPOCH, Instant.EPOCH, List.of(), 0, 0),
          devices,
          today,
          0);
    }
    List<PeriodUsage> periods = new ArrayList<>();
    LocalDate from =
        s.kind == Kind.DAYS
            ? today.minusDays(s.count - 1L)
            : s.count > 0 ? YearMonth.from(today).minusMonths(s.count - 1L).atDay(1) : first;
    if (from.isBefore(first)) {
      from = s.kind == Kind.DAYS ? first : YearMonth.from(first).atDay(1);
    }
    Map<LocalDate, PeriodUsage> got = new HashMap<>();
    for (PeriodUsage p : store.days(from, today, device)) {
      got.put(p.start(), p);
    }
    if (s.kind == Kind.DAYS) {
      for (LocalDate d = today; !d.isBefore(from); d = d.minusDays(1)) {
        periods.add(got.getOrDefault(d, new PeriodUsage(d, 0, 0)));
      }
    } else {
      Map<YearMonth, long[]> months = new HashMap<>();
      for (PeriodUsage p : got.values()) {
        long[] v = months.computeIfAbsent(YearMonth.from(p.start()), k -> new long[2]);
        v[0] += p.sentBytes();
        v[1] += p.receivedBytes();
      }
      for (YearMonth m = YearMonth.from(today); !m.isBefore(YearMonth.from(from)); ) {
        long[] v = months.getOrDefault(m, new long[2]);
        periods.add(new PeriodUsage(m.atDay(1), v[0], v[1]));
        m = m.minusMonths(1);
      }
    }
    LocalDate sel = periods.get(0).start();
    for (PeriodUsage p : periods) {
      if (p.start().equals(selected)) {
        sel = selected;
      }
    }
    LocalDate end = s.kind == Kind.DAYS ? sel : YearMonth.from(sel).atEndOfMonth();
    return new Data(
        s.kind,
        periods,
        sel,
        store.usage(sel, end),
        devices,
        today,
        now.toLocalTime().toSecondOfDay());
  }

  private void show(Data d) {
    updateDevices(d.devices());
    if (d.periods().isEmpty()) {
      showMessage(NOTHING_YET);
      return;
    }
    shown = d;
    controls.setVisible(true);
    cards.show(body, CARD_CONTENT);
    updating = true;
    try {
      periodModel.set(d, prefs.units());
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
    fitColumns();
    String label = periodLabel(d.kind(), d.selected());
    Usage u = d.programs();
    if (u.programs().isEmpty()) {
      chartTitle.setText(label + ": no traffic per program recorded");
      chartMessage.setText(noProgramsText(d));
      chartCards.show(chartArea, CARD_MESSAGE);
    } else {
      chartTitle.setText(
          label
              + ", per program: "
              + Units.bytes(u.totalBytes())
              + " ("
              + Units.bytes(u.receivedBytes())
              + " received, "
              + Units.bytes(u.sentBytes())
              + " sent)");
      updateChart(u.programs());
    }
    chartTitle.setToolTipText(chartTitle.getText());
  }

  private static String noProgramsText(Data d) {
    PeriodUsage p = null;
    for (PeriodUsage q : d.periods()) {
      if (q.start().equals(d.selected())) {
        p = q;
      }
    }
    if (p == null || p.totalBytes() == 0) {
      return "No traffic was recorded in this period.";
    }
    return "The interfaces moved "
        + Units.bytes(p.totalBytes())
        + " in this period, but no program was recorded: per-program numbers need nethogs with"
        + " capture permission (the tray menu offers \"Grant capture permission…\").";
  }

  /** Fills the interface chooser with the devices that have history, keeping the choice. */
  private void updateDevices(List<String> devices) {
    List<String> want = new ArrayList<>();
    want.add(ALL_INTERFACES);
    want.addAll(devices);
    List<String> have = new ArrayList<>();
    for (int i = 0; i < device.getItemCount(); i++) {
      have.add(device.getItemAt(i));
    }
    if (have.equals(want)) {
      return;
    }
    Object chosen = device.getSelectedItem();
    updating = true;
    try {
      device.removeAllItems();
      for (String w : want) {
        device.addItem(w);
      }
      device.setSelectedItem(want.contains(chosen) ? chosen : ALL_INTERFACES);
    } finally {
      updating = false;
    }
  }

  /**
   * Sizes every column but the last of each table to its widest value (header included), so that
   * nothing is cut at the window's default size; the last column takes what is left.
   */
  void fitColumns() {
    fit(periodTable, PeriodModel.BAR);
    fit(programTable, 0);
  }

  private static void fit(JTable table, int flexible) {
    TableColumnModel cols = table.getColumnModel();
    for (int c = 0; c < cols.getColumnCount(); c++) {
      TableColumn col = cols.getColumn(c);
      if (c == flexible) {
        col.setMinWidth(60);
        col.setPreferredWidth(c == 0 ? 200 : 160);
        col.setMaxWidth(Integer.MAX_VALUE);
        continue;
      }
      TableCellRenderer hr = col.getHeaderRenderer();
      if (hr == null) {
        hr = table.getTableHeader().getDefaultRenderer();
      }
      int w =
          hr.getTableCellRendererComponent(table, col.getHeaderValue(), false, false, -1, c)
              .getPreferredSize()
              .width;
      for (int r = 0; r < table.getRowCount(); r++) {
        Component k =
            table
                .getCellRenderer(r, c)
                .getTableCellRendererComponent(table, table.getValueAt(r, c), false, false, r, c);
        w = Math.max(w, k.getPreferredSize().width);
      }
      w += 2 * table.getIntercellSpacing().width + 12;
      col.setMaxWidth(Integer.MAX_VALUE); // first: the other setters clamp to the maximum
      col.setMinWidth(w);
      col.setPreferredWidth(w);
      col.setMaxWidth(w);
    }
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
    chart.removeSeries("Received");
    chart.removeSeries("Sent");
    chart.addSeries("Received", names, downScaled);
    chart.addSeries("Sent", names, upScaled);
    if (chartArea.getComponentCount() < 2) {
      chartArea.add(chartPanel, CARD_CHART); // first data: from now on it always has series
    }
    chartCards.show(chartArea, CARD_CHART);
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
    prefs.removeListener(prefsListener);
  }

  /** What is showing, for tests: the message when there is one, else null. EDT only. */
  String message() {
    return shown == null ? message.getText() : null;
  }

  /** The sentence in place of the per-program chart, or null when the chart shows. EDT only. */
  String chartMessage() {
    return chartMessage.isShowing() ? chartMessage.getText() : null;
  }
}
