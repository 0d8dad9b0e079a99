package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paints every chart state into an image, without a window (works headless): empty, global, one
 * process, a comparison, paused in the past, bits per second, 24 h decimated, "All", dark theme.
 * The PNGs land in {@code target/window-charts/} for people to look at.
 */
class ChartRenderTest {
  private static final Instant END = Instant.ofEpochSecond(1_800_000_000L);
  private static final long NOW = END.getEpochSecond();
  private static final Subject FIREFOX =
      Subject.process(Synthetic.FIREFOX, Synthetic.FIREFOX_PID, 1000);
  private static final Subject CURL = Subject.process(Synthetic.CURL, Synthetic.CURL_PID, 1000);
  private static final Subject SYNC = Subject.process(Synthetic.SYNC, Synthetic.SYNC_PID, 1001);
  private static MemoryPast memory;

  @BeforeAll
  static void fill() {
    memory = new MemoryPast();
    // 24 h would take a while to build through Accounting: 3 h of snapshots, then raw seconds
    Synthetic.history(END, 3 * 3600, Synthetic.DEMO).forEach(memory);
  }

  private static ChartData.View view(List<Subject> s, long span) {
    return new ChartData.View(s, span, false, 0, 700);
  }

  private static BufferedImage render(String name, ChartData.View v, Units.Mode mode, boolean dark)
      throws Exception {
    AtomicReference<BufferedImage> out = new AtomicReference<>();
    SwingUtilities.invokeAndWait(
        () -> {
          ThemeSupport.install(dark);
          ChartView c = new ChartView(ZoneId.of("UTC"));
          c.setMode(mode);
          c.show(ChartData.compute(v, memory, NOW));
          BufferedImage img = new BufferedImage(760, 280, BufferedImage.TYPE_INT_RGB);
          Graphics2D g = img.createGraphics();
          c.chart().paint(g, img.getWidth(), img.getHeight());
          g.dispose();
          out.set(img);
          ThemeSupport.install(false);
        });
    Path dir = Path.of("target", "window-charts");
    Files.createDirectories(dir);
    try {
      ImageIO.write(out.get(), "png", dir.resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.get();
  }

  /** Pixels within a small distance of {@code c} (lines are antialiased). */
  private static int pixels(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        int dr = ((p >> 16) & 0xff) - c.getRed();
        int dg = ((p >> 8) & 0xff) - c.getGreen();
        int db = (p & 0xff) - c.getBlue();
        if (dr * dr + dg * dg + db * db < 900) {
          n++;
        }
      }
    }
    return n;
  }

  private static int distinctColours(BufferedImage img) {
    java.util.Set<Integer> s = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        s.add(img.getRGB(x, y));
      }
    }
    return s.size();
  }

  @Test
  void emptyChartDrawsAxesButNoLines() throws Exception {
    MemoryPast saved = memory;
    memory = new MemoryPast();
    try {
      BufferedImage img = render("empty", view(List.of(), 300), Units.Mode.BYTES, false);
      assertTrue(distinctColours(img) > 3, "axes and labels are drawn");
      // the legend has short samples of both colours; lines would add hundreds of pixels
      assertTrue(pixels(img, ChartView.DOWN) < 80, "no download line");
    } finally {
      memory = saved;
    }
  }

  @Test
  void globalRateDrawsDownloadAndUpload() throws Exception {
    BufferedImage img = render("global-5m", view(List.of(), 300), Units.Mode.BYTES, false);
    assertTrue(pixels(img, ChartView.DOWN) > 300);
    assertTrue(pixels(img, ChartView.UP) > 300);
  }

  @Test
  void oneProcessDrawsItsOwnRates() throws Exception {
    BufferedImage img =
        render("firefox-30m", view(List.of(FIREFOX), 1800), Units.Mode.BYTES, false);
    assertTrue(pixels(img, ChartView.DOWN) > 300);
  }

  @Test
  void comparisonDrawsOneColourPerProcess() throws Exception {
    BufferedImage img =
        render("compare-1h", view(List.of(FIREFOX, CURL, SYNC), 3600), Units.Mode.BYTES, false);
    for (int i = 0; i < 3; i++) {
      assertTrue(pixels(img, ChartView.PALETTE[i]) > 150, "colour " + i);
    }
  }

  @Test
  void pausedViewShowsThePastItWasPausedAt() throws Exception {
    ChartData.View v = view(List.of(), 600).pausedAt(NOW - 3600);
    ChartData d = ChartData.compute(v, memory, NOW);
    assertEquals(NOW - 3600, d.to());
    assertEquals(NOW - 4200, d.from());
    BufferedImage img = render("paused-1h-ago", v, Units.Mode.BYTES, false);
    assertTrue(pixels(img, ChartView.DOWN) > 300);
  }

  @Test
  void bitsPerSecondScaleTheAxis() throws Exception {
    ChartData.View v = view(List.of(), 300);
    BufferedImage img = render("global-bits", v, Units.Mode.BITS, false);
    assertTrue(pixels(img, ChartView.DOWN) > 300);
    AtomicReference<String> label = new AtomicReference<>();
    SwingUtilities.invokeAndWait(
        () -> {
          ChartView c = new ChartView(ZoneId.of("UTC"));
          c.setMode(Units.Mode.BITS);
          c.show(ChartData.compute(v, memory, NOW));
          label.set(c.readoutLatest());
        });
    assertTrue(label.get().contains("bit/s"), label.get());
  }

  @Test
  void dayLongRangeIsDecimatedToTheWidth() throws Exception {
    ChartData d = ChartData.compute(view(List.of(), 86_400), memory, NOW);
    assertTrue(d.lines().get(0).series().size() <= 1400, "decimated");
    BufferedImage img = render("global-24h", view(List.of(), 86_400), Units.Mode.BYTES, false);
    assertTrue(pixels(img, ChartView.DOWN) > 100);
  }

  @Test
  void allStartsAtTheEarliestSample() throws Exception {
    ChartData d = ChartData.compute(view(List.of(), 0), memory, NOW);
    assertEquals(NOW - 3 * 3600 + 1, d.from());
    BufferedImage img = render("global-all", view(List.of(), 0), Units.Mode.BYTES, false);
    assertTrue(pixels(img, ChartView.DOWN) > 100);
  }

  @Test
  void darkThemeDrawsOnADarkBackground() throws Exception {
    BufferedImage img =
        render("global-dark", view(List.of(FIREFOX, SYNC), 300), Units.Mode.BYTES, true);
    int p = img.getRGB(5, 5);
    int luminance = ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
    assertTrue(luminance < 3 * 100, "dark background, got " + Integer.toHexString(p));
    assertTrue(pixels(img, ChartView.colour(ChartView.PALETTE[0], true)) > 150);
  }
}
