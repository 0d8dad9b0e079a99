package dev.hogwatch.ui.window;

import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Units;
import dev.hogwatch.ui.UiPrefs;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Rectangle;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The graph window: header line, a "Live" tab with the chart and the process table, and any tabs
 * contributed through {@link GraphWindow#addTab}. Built and used on the EDT only.
 *
 * <p>Data flow: the {@link Hub} calls {@link #onSnapshot} on the model thread; a named worker
 * thread ("hogwatch-window-chart") turns the newest snapshot and the current {@link ChartData.View}
 * into table rows and decimated series, and hands both to the EDT in one {@code invokeLater}. User
 * actions build a new view and ask the worker again; nothing on the EDT waits.
 */
final class WindowFrame {
  private static final Logger LOG = Logger.getLogger(WindowFrame.class.getName());

  /** Range buttons: label and span in seconds (0 = everything). */
  static final Map<String, Long> RANGES =
      orderedRanges(
          "1m", 60L, "5m", 300L, "30m", 1800L, "1h", 3600L, "6h", 21600L, "24h", 86400L, "All", 0L);

  static final long MIN_SPAN = 20;
  private static final long DEFAULT_SPAN = 300;

  private final Hub hub;
  private final UiPrefs prefs;
  private final PastSource past;
  private final JFrame frame = new JFrame("Hogwatch");
  private final ExecutorService worker;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Consumer<Snapshot> listener = this::onSnapshot;
  private final Runnable prefsListener = this::onPrefs;
  private final ChartView chart;
  private final ProcessRows rows = new ProcessRows();
  private final ProcessTable table;
  private final HeaderBar header;
  private final JTabbedPane tabs = new JTabbedPane();
  private final JLabel readout = new JLabel(" ");
  private final JLabel showing = new JLabel();
  private final JToggleButton pause = new JToggleButton("Pause");
  private final Map<String, JToggleButton> rangeButtons = new java.util.LinkedHashMap<>();
  private final ButtonGroup rangeGroup = new ButtonGroup();
  private final JTextField filter = new JTextField(16);
  private final JComboBox<String> grouping =
      new JComboBox<>(new String[] {"Applications", "Processes"});
  private final JLabel users = new JLabel(" ");
  private volatile ProcessRows.Grouping groupedBy = ProcessRows.Grouping.APPLICATIONS;
  private final JComboBox<String> units = new JComboBox<>(new String[] {"bytes/s", "bits/s"});
  private final JToggleButton dark = new JToggleButton("Dark");
  private final Runnable onClosed;

  private volatile Snapshot latest;
  private volatile ChartData.View view = new ChartData.View(List.of(), DEFAULT_SPAN, false, 0, 700);
  private boolean disposed;

  // ---- span selection (click a point or drag across the chart: who used the network then) ----
  private final SpanPanel spanPanel = new SpanPanel(ZoneId.systemDefault(), this::backToLive);
  private final java.awt.CardLayout belowCards = new java.awt.CardLayout();
  private final JPanel below = new JPanel(belowCards);
  private final JLabel hoverTop = new JLabel(" ");
  private final ExecutorService spanWorker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hogwatch-window-span");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(
                (th, e) -> LOG.log(Level.SEVERE, "span worker failed", e));
            return t;
          });
  private ChartMouse mouse; // EDT only
  private final javax.swing.Timer hoverTimer = new javax.swing.Timer(200, e -> askHover());
  private volatile SpanSource spans;
  private long spanSeq; // EDT only: answers of older requests are dropped
  private long hoverSeq;
  private boolean spanShown;

  /**
   * Builds the window (not yet visible). Call on the EDT.
   *
   * @param onClosed runs on the EDT after the window was closed and disposed
   */
  WindowFrame(
      Hub hub,
      Controls controls,
      UiPrefs prefs,
      PastSource past,
      List<GraphWindow.Tab> extraTabs,
      Runnable onClosed) {
    this.hub = hub;
    this.prefs = prefs;
    this.past = past;
    this.onClosed = onClosed;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "hogwatch-window-chart");
              t.setDaemon(true);
              t.setUncaughtExceptionHandler(
                  (th, e) -> LOG.log(Level.SEVERE, "chart worker failed", e));
              return t;
            });
    chart = new ChartView(ZoneId.systemDefault());
    chart.setMode(prefs.units());
    table = new ProcessTable(rows, chart::mode, this::selectionChanged);
    header = new HeaderBar(controls, worker);

    units.setSelectedIndex(prefs.units() == Units.Mode.BITS ? 1 : 0);
    units.setToolTipText("Show rates in bytes or bits per second");
    units.addActionListener(
        e -> {
          Units.Mode m = units.getSelectedIndex() == 1 ? Units.Mode.BITS : Units.Mode.BYTES;
          if (m != prefs.units()) {
            prefs.setUnits(m);
          }
          applyUnits(m);
        });
    dark.setSelected(ThemeSupport.isDark());
    dark.setToolTipText("Dark colours");
    dark.addActionListener(e -> setDark(dark.isSelected(), true));
    header.addRight(units);
    header.addRight(dark);

    tabs.addTab("Live", livePanel());
    for (GraphWindow.Tab t : extraTabs) {
      addTab(t);
    }
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    // Ctrl+W closes, as in most desktop windows
    frame
        .getRootPane()
        .registerKeyboardAction(
            e -> close(),
            javax.swing.KeyStroke.getKeyStroke(
                java.awt.event.KeyEvent.VK_W, java.awt.event.InputEvent.CTRL_DOWN_MASK),
            JComponent.WHEN_IN_FOCUSED_WINDOW);
    frame
        .getRootPane()
        .registerKeyboardAction(
            e -> {
              if (spanShown) {
                backToLive();
              }
            },
            javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_ESCAPE, 0),
            JComponent.WHEN_IN_FOCUSED_WINDOW);
    frame.getContentPane().add(header, BorderLayout.NORTH);
    frame.getContentPane().add(tabs, BorderLayout.CENTER);
    frame.setMinimumSize(new Dimension(520, 380));
    WindowPlacement.place(frame, prefs);
    frame.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosed(WindowEvent e) {
            closed();
          }
        });
    prefs.onChange(prefsListener);
    hub.addListener(listener);
  }

  private static Map<String, Long> orderedRanges(Object... kv) {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Long) kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private JComponent livePanel() {
    JPanel toolbar = new JPanel(new FlowLayout(FlowLayout.LEFT, 2, 2));
    for (Map.Entry<String, Long> r : RANGES.entrySet()) {
      JToggleButton b = new JToggleButton(r.getKey());
      b.putClientProperty("JButton.buttonType", "toolBarButton");
      b.setToolTipText(r.getValue() == 0 ? "Everything recorded" : "Last " + r.getKey());
      b.addActionListener(e -> setSpan(r.getValue()));
      rangeGroup.add(b);
      rangeButtons.put(r.getKey(), b);
      toolbar.add(b);
    }
    rangeButtons.get("5m").setSelected(true);
    toolbar.add(javax.swing.Box.createHorizontalStrut(8));
    pause.setToolTipText("Stop following new data; scroll or Shift-drag the chart to look back");
    pause.addActionListener(e -> setPaused(pause.isSelected()));
    toolbar.add(pause);
    toolbar.add(javax.swing.Box.createHorizontalStrut(10));
    toolbar.add(showing);

    JPanel chartPart = new JPanel(new BorderLayout());
    chartPart.add(toolbar, BorderLayout.NORTH);
    JComponent plot = chart.panel();
    plot.setPreferredSize(new Dimension(700, 230));
    plot.setMinimumSize(new Dimension(200, 120));
    chartPart.add(plot, BorderLayout.CENTER);
    readout.setBorder(BorderFactory.createEmptyBorder(2, 10, 2, 10));
    JPanel readouts = new JPanel(new BorderLayout());
    readouts.add(readout, BorderLayout.WEST);
    hoverTop.setBorder(BorderFactory.createEmptyBorder(2, 10, 2, 10));
    hoverTop.setHorizontalAlignment(javax.swing.SwingConstants.RIGHT);
    readouts.add(hoverTop, BorderLayout.CENTER);
    chartPart.add(readouts, BorderLayout.SOUTH);
    hoverTimer.setRepeats(false);
    mouse = new ChartMouse(this);
    plot.addMouseListener(mouse);
    plot.addMouseMotionListener(mouse);
    plot.addMouseWheelListener(mouse);
    plot.addComponentListener(
        new java.awt.event.ComponentAdapter() {
          @Override
          public void componentResized(java.awt.event.ComponentEvent e) {
            int cols = Math.max(100, (int) chart.plotWidth());
            if (cols != view.columns()) {
              setView(view.withColumns(cols));
            }
          }
        });

    JPanel tablePart = new JPanel(new BorderLayout());
    JPanel filterBar = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
    filterBar.add(new JLabel("Filter:"));
    filter.putClientProperty("JTextField.placeholderText", "application, program, user or pid");
    filter.putClientProperty("JTextField.showClearButton", true);
    filter
        .getDocument()
        .addDocumentListener(
            new DocumentListener() {
              @Override
              public void insertUpdate(DocumentEvent e) {
                table.setFilter(filter.getText());
              }

              @Override
              public void removeUpdate(DocumentEvent e) {
                table.setFilter(filter.getText());
              }

              @Override
              public void changedUpdate(DocumentEvent e) {
                table.setFilter(filter.getText());
              }
            });
    filterBar.add(filter);
    grouping.setToolTipText(
        "Applications: one row per application and user, ▸ expands it to its processes");
    grouping.addActionListener(
        e ->
            setGrouping(
                grouping.getSelectedIndex() == 1
                    ? ProcessRows.Grouping.PROCESSES
                    : ProcessRows.Grouping.APPLICATIONS));
    filterBar.add(grouping);
    JLabel hint =
        new JLabel(
            "Click a row to graph it, click again for all; Ctrl-click to compare; ▸ shows an"
                + " application's processes. Click or drag on the chart: who used the network"
                + " then");
    hint.setEnabled(false);
    filterBar.add(hint);
    tablePart.add(filterBar, BorderLayout.NORTH);
    tablePart.add(new JScrollPane(table), BorderLayout.CENTER);
    users.setBorder(BorderFactory.createEmptyBorder(2, 8, 2, 8));
    users.setToolTipText("Bytes per user since Hogwatch started, all applications");
    tablePart.add(users, BorderLayout.SOUTH);

    below.add(tablePart, "live");
    below.add(spanPanel, "span");
    JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, chartPart, below);
    split.setResizeWeight(0.55);
    split.setBorder(null);
    split.setContinuousLayout(true);
    updateShowing();
    return split;
  }

  // ---- data flow ------------------------------------------------------------------------

  /** Hub listener, on the model thread. */
  private void onSnapshot(Snapshot s) {
    latest = s;
    request();
  }

  /** Asks the worker for fresh rows and chart data; several requests in a row coalesce. */
  private void request() {
    if (pending.compareAndSet(false, true) && !worker.isShutdown()) {
      try {
        worker.execute(this::compute);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pending.set(false); // closing
      }
    }
  }

  /** On the worker thread: builds immutable rows and series, then hands them to the EDT. */
  private void compute() {
    pending.set(false);
    Snapshot s = latest;
    if (s == null) {
      return;
    }
    ChartData.View v = view;
    List<ProcessRows.Row> newRows = ProcessRows.rowsOf(s, groupedBy);
    long now = s.time().getEpochSecond();
    ChartData data = ChartData.compute(v, past, now);
    SwingUtilities.invokeLater(() -> apply(s, newRows, data));
  }

  private void apply(Snapshot s, List<ProcessRows.Row> newRows, ChartData data) {
    if (disposed) {
      return;
    }
    header.update(s);
    header.showAlertNotice(alertNotice.get());
    users.setText(usersLine(s.users()));
    if (!newRows.equals(rows.rows())) {
      table.setRows(newRows);
      if (pendingSelect != null) {
        select(pendingSelect.name(), pendingSelect.pid());
      }
      if (pendingApp != null) {
        selectApp(pendingApp);
      }
    }
    if (data.view().equals(view)) {
      chart.show(data);
      updateReadout();
    }
  }

  private void setView(ChartData.View v) {
    if (!v.equals(view)) {
      view = v;
      updateShowing();
      request();
    }
  }

  // ---- user actions ---------------------------------------------------------------------

  private void selectionChanged(List<Subject> subjects) {
    setView(view.withSubjects(subjects));
  }

  void setSpan(long span) {
    String label = null;
    for (Map.Entry<String, Long> r : RANGES.entrySet()) {
      if (r.getValue() == span) {
        label = r.getKey();
      }
    }
    if (label == null) {
      rangeGroup.clearSelection();
    } else {
      rangeButtons.get(label).setSelected(true);
    }
    setView(view.withSpan(span));
  }

  void setPaused(boolean paused) {
    pause.setSelected(paused);
    pause.setText(paused ? "Live" : "Pause");
    pause.setToolTipText(
        paused
            ? "Follow new data again"
            : "Stop following new data; scroll or Shift-drag the chart to look back");
    if (!paused && spanShown) {
      clearSpan();
    }
    if (paused && !view.paused()) {
      ChartData d = chart.data();
      // end before the second in progress: its value may still change
      long end = d != null ? d.to() - 1 : (latest == null ? 0 : latest.time().getEpochSecond());
      setView(view.pausedAt(end));
    } else if (!paused && view.paused()) {
      setView(view.live());
    }
  }

  private void updateShowing() {
    List<Subject> s = view.subjects();
    String what;
    if (s.isEmpty()) {
      what = "All traffic";
    } else if (s.size() == 1 && s.get(0).kind() == Subject.Kind.APP) {
      what = appName(s.get(0)) + " · application";
    } else if (s.size() == 1) {
      what = s.get(0).label();
    } else {
      what = "Comparing " + s.size() + ": solid ↓ download, dashed ↑ upload";
    }
    showing.setText(what + (view.paused() ? " — paused" : ""));
  }

  /** An application's display name as the table shows it (its id until the table has it). */
  private String appName(Subject app) {
    for (ProcessRows.Row r : rows.rows()) {
      if (r.subject().equals(app)) {
        return r.program();
      }
    }
    return app.label();
  }

  private void applyUnits(Units.Mode m) {
    units.setSelectedIndex(m == Units.Mode.BITS ? 1 : 0);
    chart.setMode(m);
    updateReadout();
    table.repaint();
  }

  /** The values under the mouse, or the newest ones when the mouse is elsewhere. */
  void updateReadout() {
    readout.setText(mouse.inChart() ? chart.readout(mouse.x()) : chart.readoutLatest());
  }

  /** Preferences listener, on the preferences thread. */
  private void onPrefs() {
    SwingUtilities.invokeLater(this::prefsChanged);
  }

  private void prefsChanged() {
    if (!disposed) {
      applyUnits(prefs.units());
    }
  }

  void setDark(boolean isDark, boolean remember) {
    dark.setSelected(isDark);
    ThemeSupport.install(isDark);
    chart.applyTheme();
    SwingUtilities.updateComponentTreeUI(frame);
    if (remember) {
      prefs.setTheme(isDark ? UiPrefs.Theme.DARK : UiPrefs.Theme.LIGHT);
    }
  }

  private java.util.function.Supplier<String> alertNotice = () -> ""; // EDT only
  private dev.hogwatch.alerts.AlertService alerts; // EDT only

  /**
   * Alerts in this window: each data cap's progress in the Usage tab, and {@code notice} (read at
   * every refresh, e.g. that no notification service runs) under the header. {@code service} may be
   * null (no alerts).
   */
  void setAlerts(
      dev.hogwatch.alerts.AlertService service, java.util.function.Supplier<String> notice) {
    alerts = service;
    alertNotice = notice;
    for (int i = 0; i < tabs.getTabCount(); i++) {
      if (tabs.getComponentAt(i) instanceof UsagePanel u) {
        u.showCaps(service);
      }
    }
  }

  /** Adds a tab (e.g. history's "Usage"). */
  void addTab(GraphWindow.Tab t) {
    try {
      javax.swing.JComponent c = t.factory().get();
      if (c instanceof UsagePanel u) {
        u.showCaps(alerts);
      }
      tabs.addTab(t.title(), c);
    } catch (RuntimeException e) {
      // a bug, not a condition of this machine: SEVERE (shown on the console, fails tests); the
      // tab stays, saying in plain words that it cannot be shown
      LOG.log(Level.SEVERE, "tab " + t.title() + " failed to build", e);
      javax.swing.JLabel notice =
          new javax.swing.JLabel(
              t.title() + " cannot be shown because of an error. The other tabs still work.",
              javax.swing.SwingConstants.CENTER);
      tabs.addTab(t.title(), notice);
    }
  }

  /**
   * Selects the process with this name and pid in the table (any user), or nothing; under an
   * application its row is expanded.
   */
  void select(String name, int pid) {
    ProcessRows.Row parent = null;
    for (ProcessRows.Row r : rows.rows()) {
      if (r.level() == 0) {
        parent = r;
      }
      boolean match =
          pid == 0
              ? r.subject().kind() == Subject.Kind.UNATTRIBUTED
              : r.pid() != null && r.pid() == pid && r.program().equals(name);
      if (match) {
        filter.setText("");
        if (r.level() > 0 && parent != null) {
          table.setExpanded(parent.subject(), true);
        }
        table.select(List.of(r.subject()));
        pendingSelect = null;
        return;
      }
    }
    pendingSelect = new Pending(name, pid); // not in the table yet: try again with the next rows
  }

  private record Pending(String name, int pid) {}

  private Subject pendingApp;

  /**
   * The per-user strip under the table: {@code "Users: alice ↓ 20.0 MB ↑ 1.00 MB · root ↓ …"},
   * largest first (at most six; the rest counted).
   */
  static String usersLine(List<dev.hogwatch.model.UserStat> list) {
    if (list.isEmpty()) {
      return " ";
    }
    StringBuilder b = new StringBuilder("Users:  ");
    for (int i = 0; i < list.size(); i++) {
      if (i == 6) {
        b.append("  ·  ").append(list.size() - 6).append(" more");
        break;
      }
      dev.hogwatch.model.UserStat u = list.get(i);
      b.append(i == 0 ? "" : "  ·  ")
          .append(u.user())
          .append("  ↓ ")
          .append(Units.bytes(u.receivedBytes()))
          .append("  ↑ ")
          .append(Units.bytes(u.sentBytes()));
    }
    return b.toString();
  }

  /** Groups the table by application (expandable to processes) or lists processes alone. */
  void setGrouping(ProcessRows.Grouping g) {
    grouping.setSelectedIndex(g == ProcessRows.Grouping.PROCESSES ? 1 : 0);
    if (g != groupedBy) {
      groupedBy = g;
      request();
    }
  }

  ProcessRows.Grouping grouping() {
    return groupedBy;
  }

  /**
   * Selects one application of one user (the tray's "Show in graphs"): the table is grouped by
   * application and the chart shows that application alone; if it is not in the table yet it is
   * selected as soon as it appears.
   */
  void selectApp(dev.hogwatch.model.AppId app, int uid) {
    selectApp(Subject.app(app, uid));
  }

  private void selectApp(Subject app) {
    setGrouping(ProcessRows.Grouping.APPLICATIONS);
    for (ProcessRows.Row r : rows.rows()) {
      if (r.subject().equals(app)) {
        filter.setText("");
        table.select(List.of(app));
        pendingApp = null;
        return;
      }
    }
    pendingApp = app;
  }

  /**
   * An alert's "Open graphs": the Live tab over the shortest range that reaches back to {@code
   * from}, with the table filtered to {@code app} (all traffic when null).
   */
  void showAlert(String app, java.time.Instant from) {
    long ago = Math.max(0, java.time.Instant.now().getEpochSecond() - from.getEpochSecond());
    long span = 0;
    for (long s : RANGES.values()) {
      if (s != 0 && s >= ago + 30) {
        span = s;
        break;
      }
    }
    tabs.setSelectedIndex(0);
    setSpan(span);
    filter.setText(app == null ? "" : app);
  }

  private Pending pendingSelect;

  // ---- mouse on the chart (ChartMouse) --------------------------------------------------

  /** The pointer left the chart: no hover answer, the readout shows the newest values. */
  void mouseLeft() {
    hoverTimer.stop();
    hoverSeq++;
    hoverTop.setText(" ");
    updateReadout();
  }

  /** The pointer moved on the chart: the readout follows it, the hover answer waits for a rest. */
  void mouseMoved() {
    updateReadout();
    hoverTimer.restart();
  }

  // ---- span selection ---------------------------------------------------------------------

  /** Where spans are answered (the history file); none: a selection says so. */
  void setSpans(SpanSource s) {
    spans = s;
  }

  /** Seconds one plotted point stands for at the current range (at least 1). */
  private long pointSeconds() {
    ChartData d = chart.data();
    if (d == null) {
      return 1;
    }
    long points = Math.max(4, view.columns() * 2L);
    return Math.max(1, (d.to() - d.from() + points - 1) / points);
  }

  /** A click: the point under the pointer, one plotted step wide. */
  void selectPoint(double second) {
    long step = pointSeconds();
    ChartData d = chart.data();
    long origin = d == null ? 0 : d.from();
    long a = origin + Math.floorDiv((long) Math.floor(second) - origin, step) * step;
    selectSpan((double) a, (double) (a + step));
  }

  /**
   * Shows who used the network in {@code [from, to)} (epoch seconds): the chart pauses and draws
   * the span, the table below lists the span's programs. Called on the EDT.
   */
  void selectSpan(double from, double to) {
    Instant since = Instant.ofEpochMilli((long) Math.floor(from * 1000));
    Instant until = Instant.ofEpochMilli((long) Math.ceil(to * 1000));
    chart.setSpan(from, to);
    if (!view.paused()) {
      setPaused(true);
    }
    spanShown = true;
    belowCards.show(below, "span");
    spanPanel.loading(since, until);
    long seq = ++spanSeq;
    SpanSource src = spans;
    if (src == null) {
      spanPanel.problem(
          "Who used a span is read from the history file, and history is not recorded.");
      return;
    }
    try {
      spanWorker.execute(
          () -> {
            var u = src.range(since, until);
            SwingUtilities.invokeLater(
                () -> {
                  if (seq != spanSeq || disposed) {
                    return;
                  }
                  if (u == null) {
                    spanPanel.problem("History could not answer for this span; try again.");
                  } else {
                    spanPanel.show(u);
                    chart.setSpan(
                        u.since().toEpochMilli() / 1000.0, u.until().toEpochMilli() / 1000.0);
                  }
                });
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /** Clears the selection and follows new data again. */
  void backToLive() {
    clearSpan();
    setPaused(false);
  }

  private void clearSpan() {
    spanSeq++;
    spanShown = false;
    chart.clearSpan();
    belowCards.show(below, "live");
  }

  /** The pointer rested on the chart: ask for the top three of the point under it. */
  private void askHover() {
    SpanSource src = spans;
    ChartData d = chart.data();
    if (!mouse.inChart() || src == null || d == null || mouse.busy()) {
      return;
    }
    double t = chart.secondAt(mouse.x());
    if (t < d.from() || t > d.to()) {
      hoverTop.setText(" ");
      return;
    }
    long step = pointSeconds();
    long a = d.from() + Math.floorDiv((long) Math.floor(t) - d.from(), step) * step;
    long seq = ++hoverSeq;
    try {
      spanWorker.execute(
          () -> {
            var u = src.range(Instant.ofEpochSecond(a), Instant.ofEpochSecond(a + step));
            String text = u == null ? " " : SpanPanel.topThree(u);
            SwingUtilities.invokeLater(
                () -> {
                  if (seq == hoverSeq && mouse.inChart() && !disposed) {
                    hoverTop.setText(text);
                  }
                });
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /** Shows {@code span} seconds ending at {@code end}, paused (never beyond now). */
  void pan(long end, long span) {
    long now = latest == null ? end : latest.time().getEpochSecond(); // complete seconds only
    long e = Math.min(end, now);
    setSpanQuietly(span);
    if (!view.paused()) {
      pause.setSelected(true);
      pause.setText("Live");
    }
    setView(view.withSpan(span).pausedAt(e));
  }

  private void setSpanQuietly(long span) {
    boolean preset = false;
    for (Map.Entry<String, Long> r : RANGES.entrySet()) {
      if (r.getValue() == span) {
        rangeButtons.get(r.getKey()).setSelected(true);
        preset = true;
      }
    }
    if (!preset) {
      rangeGroup.clearSelection();
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------

  JFrame frame() {
    return frame;
  }

  void show() {
    frame.setVisible(true);
  }

  void toFront() {
    if ((frame.getExtendedState() & JFrame.ICONIFIED) != 0) {
      frame.setExtendedState(frame.getExtendedState() & ~JFrame.ICONIFIED);
    }
    frame.toFront();
    frame.requestFocus();
  }

  void close() {
    frame.dispose(); // windowClosed follows
    if (!disposed) {
      closed();
    }
  }

  private void closed() {
    if (disposed) {
      return;
    }
    disposed = true;
    hub.removeListener(listener);
    prefs.removeListener(prefsListener);
    Rectangle b = frame.getBounds();
    if (b.width > 0 && b.height > 0) {
      prefs.setWindowBounds(new UiPrefs.Bounds(b.x, b.y, b.width, b.height));
    }
    worker.shutdown();
    spanWorker.shutdown();
    hoverTimer.stop();
    onClosed.run();
  }

  boolean isDisposed() {
    return disposed;
  }

  // ---- for tests ------------------------------------------------------------------------

  ProcessTable table() {
    return table;
  }

  ChartView chartView() {
    return chart;
  }

  ChartData.View view() {
    return view;
  }

  HeaderBar header() {
    return header;
  }

  JTextField filterField() {
    return filter;
  }

  JLabel usersLabel() {
    return users;
  }

  JToggleButton rangeButton(String label) {
    return rangeButtons.get(label);
  }

  JToggleButton pauseButton() {
    return pause;
  }

  JTabbedPane tabs() {
    return tabs;
  }

  JLabel readoutLabel() {
    return readout;
  }

  SpanPanel spanPanel() {
    return spanPanel;
  }

  boolean spanShown() {
    return spanShown;
  }

  JLabel hoverTopLabel() {
    return hoverTop;
  }

  /** Waits until every queued computation reached the EDT. Not on the EDT. */
  void awaitIdle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      try {
        worker.submit(() -> {}).get(10, TimeUnit.SECONDS);
        spanWorker.submit(() -> {}).get(10, TimeUnit.SECONDS);
        SwingUtilities.invokeAndWait(() -> {});
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException
          | java.lang.reflect.InvocationTargetException e) {
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }
}
