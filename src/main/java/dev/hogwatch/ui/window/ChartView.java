package dev.hogwatch.ui.window;

import dev.hogwatch.model.Units;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.swing.UIManager;
import org.knowm.xchart.XChartPanel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The XChart time series of upload and download rates. EDT only: {@link #show} swaps in data that
 * was computed elsewhere ({@link ChartData}) and repaints.
 *
 * <p>One subject draws "↓ download" and "↑ upload" in blue and orange; several subjects draw one
 * colour each, download solid and upload dashed. Rates are plotted in the user's unit (bytes or
 * bits per second) so that the axis ticks fall on round numbers of that unit.
 */
final class ChartView {
  static final Color DOWN = new Color(0x4E79A7);
  static final Color UP = new Color(0xF28E2B);
  static final Color[] PALETTE = {
    new Color(0x4E79A7),
    new Color(0xE15759),
    new Color(0x59A14F),
    new Color(0xB07AA1),
    new Color(0xF28E2B),
    new Color(0x76B7B2),
    new Color(0xEDC948),
    new Color(0x9C755F),
    new Color(0xFF9DA7),
    new Color(0xBAB0AC)
  };
  private static final BasicStroke SOLID = new BasicStroke(1.6f);
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {5f, 3f}, 0f);
  private static final DateTimeFormatter READOUT_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter READOUT_DAY =
      DateTimeFormatter.ofPattern("EEE HH:mm:ss", Locale.ROOT);

  private final XYChart chart;
  private XChartPanel<XYChart> panel; // created on first use: XChartPanel needs a display
  private final ZoneId zone;
  private ChartData data;
  private Units.Mode mode = Units.Mode.BYTES;
  private List<String> seriesNames = List.of();
  private boolean dark;

  ChartView(ZoneId zone) {
    this.zone = zone;
    chart = new XYChart(760, 300);
    XYStyler st = chart.getStyler();
    st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    st.setMarkerSize(0);
    st.setLegendPosition(Styler.LegendPosition.InsideNW);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setChartTitleVisible(false);
    st.setPlotBorderVisible(false);
    st.setAxisTicksLineVisible(false);
    st.setPlotMargin(0);
    st.setChartPadding(6);
    st.setTimezone(TimeZone.getTimeZone(zone));
    st.setLocale(Locale.ROOT);
    st.setYAxisMin(0.0);
    st.setXAxisMaxLabelCount(8);
    st.setYAxisTickLabelsFormattingFunction(this::axisLabel);
    // XChart 4: tooltips, zoom and the cursor are the panel's, off unless asked for
    applyTheme();
  }

  XChartPanel<XYChart> panel() {
    if (panel == null) {
      panel =
          new XChartPanel<>(chart) {
            @Override
            protected void paintComponent(java.awt.Graphics g) {
              super.paintComponent(g);
              paintSpan(g);
            }
          };
      panel.setBackground(chart.getStyler().getChartBackgroundColor());
    }
    return panel;
  }

  XYChart chart() {
    return chart;
  }

  /** The data currently shown, or null before the first {@link #show}. */
  ChartData data() {
    return data;
  }

  /** Takes colours and fonts from the current look and feel. */
  void applyTheme() {
    XYStyler st = chart.getStyler();
    Color bg = ThemeSupport.color("Panel.background", Color.WHITE);
    Color plot = ThemeSupport.color("Table.background", Color.WHITE);
    Color fg = ThemeSupport.color("Label.foreground", Color.BLACK);
    Color grid = ThemeSupport.color("Component.borderColor", new Color(0xDDDDDD));
    Font font = UIManager.getFont("Label.font");
    boolean nowDark = ThemeSupport.isDark();
    if (nowDark != dark) {
      dark = nowDark;
      seriesNames.forEach(chart::removeSeries);
      seriesNames = List.of(); // re-added in the theme's colours by the next show()
      if (data != null) {
        show(data);
      }
    }
    st.setChartBackgroundColor(bg);
    st.setPlotBackgroundColor(plot);
    st.setChartFontColor(fg);
    st.setAxisTickLabelsColor(fg);
    st.setPlotGridLinesColor(grid);
    st.setPlotGridLinesStroke(new BasicStroke(1f));
    st.setLegendBackgroundColor(new Color(plot.getRed(), plot.getGreen(), plot.getBlue(), 210));
    st.setLegendBorderColor(grid);
    if (font != null) {
      st.setAxisTickLabelsFont(font.deriveFont(font.getSize2D() - 1f));
      st.setLegendFont(font.deriveFont(font.getSize2D() - 1f));
    }
    if (panel != null) {
      panel.setBackground(bg);
      panel.repaint();
    }
  }

  /** Bytes or bits per second on the axis and in the readout. */
  void setMode(Units.Mode newMode) {
    if (newMode != mode) {
      mode = newMode;
      if (data != null) {
        show(data);
      }
    }
  }

  Units.Mode mode() {
    return mode;
  }

  private double factor() {
    return mode == Units.Mode.BITS ? 8 : 1;
  }

  private String axisLabel(double value) {
    // XChart computes ticks below the axis too and loops until all labels differ: keep the sign
    String magnitude = Units.rate(Math.abs(value) / factor(), mode);
    return value < 0 ? "-" + magnitude : magnitude;
  }

  /** Shows {@code d}: replaces the series, fixes both axes, repaints. */
  void show(ChartData d) {
    this.data = d;
    List<String> names = new ArrayList<>();
    boolean compare = d.lines().size() > 1;
    for (ChartData.Line line : d.lines()) {
      // comparing: one legend entry per process; download solid, upload dashed (said in the
      // toolbar)
      names.add(compare ? line.subject().label() : "↓ download");
      names.add(compare ? line.subject().label() + " ↑" : "↑ upload");
    }
    if (!names.equals(seriesNames)) {
      for (String old : seriesNames) {
        chart.removeSeries(old);
      }
      seriesNames = List.copyOf(names);
      for (int i = 0; i < d.lines().size(); i++) {
        Color c = colour(compare ? PALETTE[i % PALETTE.length] : DOWN, dark);
        add(names.get(2 * i), c, SOLID);
        add(names.get(2 * i + 1), compare ? c : colour(UP, dark), compare ? DASHED : SOLID)
            .setShowInLegend(!compare);
      }
    }
    double f = factor();
    double max = 0;
    for (int i = 0; i < d.lines().size(); i++) {
      RateSeries s = d.lines().get(i).series();
      List<Date> x = new ArrayList<>(Math.max(2, s.size()));
      List<Double> down = new ArrayList<>(Math.max(2, s.size()));
      List<Double> up = new ArrayList<>(Math.max(2, s.size()));
      for (int k = 0; k < s.size(); k++) {
        x.add(date(s.second(k) * 1000));
        down.add(s.down(k) * f);
        up.add(s.up(k) * f);
      }
      if (s.size() == 0) { // XChart needs points: an invisible gap across the range
        x.add(date(d.from() * 1000.0));
        x.add(date(d.to() * 1000.0));
        down.add(Double.NaN);
        down.add(Double.NaN);
        up.add(Double.NaN);
        up.add(Double.NaN);
      }
      chart.updateXYSeries(names.get(2 * i), x, down, null);
      chart.updateXYSeries(names.get(2 * i + 1), x, up, null);
      max = Math.max(max, s.max() * f);
    }
    XYStyler st = chart.getStyler();
    st.setXAxisMin((double) d.from() * 1000);
    st.setXAxisMax((double) d.to() * 1000);
    st.setYAxisMax(niceMax(max, f));
    st.setDatePattern(d.to() - d.from() > 2 * 86400 ? "dd MMM HH:mm" : datePattern(d));
    if (panel != null) {
      panel.repaint();
    }
  }

  private static String datePattern(ChartData d) {
    return d.to() - d.from() <= 600 ? "HH:mm:ss" : "HH:mm";
  }

  /** {@code c} as drawn: a quarter lighter on a dark background, so that lines stand out. */
  static Color colour(Color c, boolean dark) {
    if (!dark) {
      return c;
    }
    return new Color(
        c.getRed() + (255 - c.getRed()) / 4,
        c.getGreen() + (255 - c.getGreen()) / 4,
        c.getBlue() + (255 - c.getBlue()) / 4);
  }

  /** A round upper bound a little above {@code max}, at least 1 kB/s (or 8 kbit/s). */
  static double niceMax(double max, double factor) {
    double floor = 1000 * factor;
    double m = Math.max(floor, max * 1.1);
    double mag = Math.pow(10, Math.floor(Math.log10(m)));
    for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (step * mag >= m) {
        return step * mag;
      }
    }
    return 10 * mag;
  }

  /** XChart's time axis takes {@link Date}; nothing else here uses it. */
  @SuppressWarnings("JavaUtilDate")
  private static Date date(double epochMillis) {
    return new Date(Math.round(epochMillis));
  }

  private XYSeries add(String name, Color color, BasicStroke stroke) {
    List<Date> x = List.of(date(0), date(1000));
    List<Double> y = List.of(Double.NaN, Double.NaN);
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(color);
    s.setLineStyle(stroke);
    s.setMarker(SeriesMarkers.NONE);
    s.setMarkerColor(color);
    return s;
  }

  /** The selected span in epoch seconds, or NaN when none: drawn over the plot. */
  private double spanFrom = Double.NaN;

  private double spanTo = Double.NaN;

  /** Draws {@code [from, to)} (epoch seconds) as a shaded band over the plot; NaN clears it. */
  void setSpan(double from, double to) {
    spanFrom = Math.min(from, to);
    spanTo = Math.max(from, to);
    if (panel != null) {
      panel.repaint();
    }
  }

  void clearSpan() {
    setSpan(Double.NaN, Double.NaN);
  }

  /** The span drawn, {from, to} in epoch seconds, or null. */
  double[] span() {
    return Double.isNaN(spanFrom) ? null : new double[] {spanFrom, spanTo};
  }

  /** The pixel columns of the drawn span, {left, right}, or null (for tests and painting). */
  int[] spanPixels() {
    if (Double.isNaN(spanFrom) || data == null) {
      return null;
    }
    double lo = chart.getScreenXFromChart(data.from() * 1000.0);
    double hi = chart.getScreenXFromChart(data.to() * 1000.0);
    double a = Math.max(lo, chart.getScreenXFromChart(spanFrom * 1000));
    double b = Math.min(hi, chart.getScreenXFromChart(spanTo * 1000));
    if (!(b >= a - 0.5)) {
      return null; // outside the range shown
    }
    int left = (int) Math.floor(a);
    return new int[] {left, Math.max(left + 2, (int) Math.ceil(b))};
  }

  private void paintSpan(java.awt.Graphics g) {
    int[] px = spanPixels();
    if (px == null) {
      return;
    }
    java.awt.Graphics2D g2 = (java.awt.Graphics2D) g.create();
    try {
      Color c = dark ? new Color(0xFFD43B) : new Color(0xF59F00);
      int h = panel.getHeight();
      g2.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
      g2.fillRect(px[0], 0, px[1] - px[0], h);
      g2.setColor(c);
      g2.drawLine(px[0], 0, px[0], h);
      g2.drawLine(px[1], 0, px[1], h);
    } finally {
      g2.dispose();
    }
  }

  /** Epoch second under the pixel column {@code x} of the panel. */
  double secondAt(int x) {
    return chart.getChartXFromCoordinate(x) / 1000.0;
  }

  /** Pixel width of the plot area, for dragging (falls back to the panel width). */
  double plotWidth() {
    int panelWidth = panel == null ? chart.getWidth() : panel.getWidth();
    if (data == null) {
      return Math.max(1, panelWidth);
    }
    double w =
        chart.getScreenXFromChart(data.to() * 1000.0)
            - chart.getScreenXFromChart(data.from() * 1000.0);
    return w > 10 ? w : Math.max(1, panelWidth);
  }

  /**
   * The values under the pixel column {@code x}, e.g. {@code "14:03:22 ↓ 1.20 MB/s ↑ 35.0 kB/s"};
   * with several subjects one part each.
   */
  String readout(int x) {
    return data == null ? "" : readoutAt(secondAt(x));
  }

  /** The values at the newest point, e.g. for the readout when the mouse is elsewhere. */
  String readoutLatest() {
    return data == null ? "" : readoutAt((double) (data.to() - 1));
  }

  private String readoutAt(double second) {
    StringBuilder b = new StringBuilder();
    Instant t = Instant.ofEpochMilli(Math.round(second * 1000));
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    boolean longRange = data.to() - data.from() > 86400;
    b.append((longRange ? READOUT_DAY : READOUT_TIME).format(local));
    boolean compare = data.lines().size() > 1;
    for (ChartData.Line line : data.lines()) {
      RateSeries s = line.series();
      int i = s.nearest(second);
      b.append("   ");
      if (compare) {
        b.append(line.subject().label()).append(' ');
      }
      if (i < 0 || Math.abs(s.second(i) - second) > Math.max(2, gapTolerance(s))) {
        b.append("no data");
        continue;
      }
      b.append("↓ ").append(format(s.down(i))).append("  ↑ ").append(format(s.up(i)));
    }
    return b.toString();
  }

  private static double gapTolerance(RateSeries s) {
    return s.size() < 2 ? 2 : 2 * (s.second(s.size() - 1) - s.second(0)) / s.size();
  }

  private String format(double bytesPerSecond) {
    return Double.isNaN(bytesPerSecond) ? "–" : Units.rate(bytesPerSecond, mode);
  }
}
