package dev.hogwatch.ui.tray;

import dev.hogwatch.model.Units;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Draws the tray icon: a small rounded badge with two rows, download on top and upload below, each
 * a coloured triangle (▼ down, ▲ up) and a compact number ({@link Units#compact}), e.g.
 *
 * <pre>
 *   ▼ 1.2M      1.2 MB/s received
 *   ▲  34k      34 kB/s sent
 * </pre>
 *
 * <p>Why a hand-made pixel font: the tray gives us about 22×22 pixels. Antialiased system fonts at
 * 7–8 px turn into grey smudges there (see the README's screenshots), while 4×7 pixel glyphs drawn
 * on whole pixels stay sharp and read at a glance. Numbers are right-aligned so the unit letters
 * form a column. The opaque badge keeps the contrast the same on light and dark panels.
 *
 * <p>The content is 22×16 pixels at scale 1; larger trays get whole-number scales (44×32 at 2), so
 * pixels stay sharp on HiDPI too. Trays smaller than 22 px get a scaled-down 22 px picture.
 */
final class IconRenderer {

  /** Badge colours. DARK (the default) reads on both light and dark panels. */
  enum Theme {
    DARK(0xff202124, 0xffffffff, 0xff6fd0ff, 0xffffb454),
    LIGHT(0xfff4f4f4, 0xff000000, 0xff0060b0, 0xffb04a00);

    final int background;
    final int text;
    final int down;
    final int up;

    Theme(int background, int text, int down, int up) {
      this.background = background;
      this.text = text;
      this.down = down;
      this.up = up;
    }
  }

  static final int BASE_WIDTH = 22;
  static final int BASE_HEIGHT = 16;
  private static final int GLYPH_HEIGHT = 7;

  /** Width of the arrow column plus its gap: the numbers get the rest. */
  static final int ARROW_WIDTH = 5;

  static final int TEXT_WIDTH = BASE_WIDTH - ARROW_WIDTH - 1;

  private static final Map<Character, String[]> GLYPHS =
      Map.ofEntries(
          glyph('0', ".##.", "#..#", "#..#", "#..#", "#..#", "#..#", ".##."),
          glyph('1', "..#.", ".##.", "..#.", "..#.", "..#.", "..#.", ".###"),
          glyph('2', ".##.", "#..#", "...#", "..#.", ".#..", "#...", "####"),
          glyph('3', "###.", "...#", "...#", ".##.", "...#", "...#", "###."),
          glyph('4', "#..#", "#..#", "#..#", "####", "...#", "...#", "...#"),
          glyph('5', "####", "#...", "###.", "...#", "...#", "#..#", ".##."),
          glyph('6', ".##.", "#...", "#...", "###.", "#..#", "#..#", ".##."),
          glyph('7', "####", "...#", "..#.", "..#.", ".#..", ".#..", ".#.."),
          glyph('8', ".##.", "#..#", "#..#", ".##.", "#..#", "#..#", ".##."),
          glyph('9', ".##.", "#..#", "#..#", ".###", "...#", "...#", ".##."),
          glyph('.', ".", ".", ".", ".", ".", ".", "#"),
          glyph('k', "#...", "#...", "#..#", "#.#.", "##..", "#.#.", "#..#"),
          glyph('M', "#..#", "####", "####", "#..#", "#..#", "#..#", "#..#"),
          glyph('G', ".###", "#...", "#...", "#.##", "#..#", "#..#", ".###"),
          glyph('T', "###", ".#.", ".#.", ".#.", ".#.", ".#.", ".#."),
          glyph('P', "###.", "#..#", "#..#", "###.", "#...", "#...", "#..."),
          glyph('E', "####", "#...", "#...", "###.", "#...", "#...", "####"));

  private static final String[] DOWN = {"#####", ".###.", "..#.."};
  private static final String[] UP = {"..#..", ".###.", "#####"};

  private final Theme theme;

  IconRenderer(Theme theme) {
    this.theme = theme;
  }

  private static Map.Entry<Character, String[]> glyph(char c, String... rows) {
    return Map.entry(c, rows);
  }

  /** Width in pixels of {@code text} at scale 1 (glyphs plus one pixel between them). */
  static int textWidth(String text) {
    int w = 0;
    for (int i = 0; i < text.length(); i++) {
      w += glyphRows(text.charAt(i))[0].length() + (i > 0 ? 1 : 0);
    }
    return w;
  }

  private static String[] glyphRows(char c) {
    String[] rows = GLYPHS.get(c);
    if (rows == null) {
      throw new IllegalArgumentException("no glyph for '" + c + "'");
    }
    return rows;
  }

  /**
   * The icon for these rates, {@code width}×{@code height} pixels.
   *
   * @param upRate sent bytes per second
   * @param downRate received bytes per second
   */
  BufferedImage render(int width, int height, double upRate, double downRate, Units.Mode mode) {
    if (width < BASE_WIDTH || height < BASE_HEIGHT) {
      BufferedImage big = render(BASE_WIDTH, BASE_WIDTH, upRate, downRate, mode);
      BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = small.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(big, 0, 0, width, height, null);
      g.dispose();
      return small;
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(theme.background, true));
    float arc = 4f * Math.max(1, Math.min(width / BASE_WIDTH, height / BASE_HEIGHT));
    g.fill(new RoundRectangle2D.Float(0, 0, width, height, arc, arc));
    g.dispose();
    int scale = Math.max(1, Math.min(width / BASE_WIDTH, height / BASE_HEIGHT));
    int left = (width - BASE_WIDTH * scale) / 2;
    int top = (height - BASE_HEIGHT * scale) / 2;
    drawRow(img, left, top, scale, DOWN, theme.down, Units.compact(downRate, mode));
    drawRow(
        img,
        left,
        top + (BASE_HEIGHT - GLYPH_HEIGHT) * scale,
        scale,
        UP,
        theme.up,
        Units.compact(upRate, mode));
    return img;
  }

  private void drawRow(
      BufferedImage img, int x, int y, int scale, String[] arrow, int arrowColor, String text) {
    draw(img, x, y + 2 * scale, scale, arrow, arrowColor);
    int cx = x + (BASE_WIDTH - textWidth(text)) * scale; // right-aligned
    for (int i = 0; i < text.length(); i++) {
      String[] rows = glyphRows(text.charAt(i));
      draw(img, cx, y, scale, rows, theme.text);
      cx += (rows[0].length() + 1) * scale;
    }
  }

  private static void draw(BufferedImage img, int x, int y, int scale, String[] rows, int argb) {
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[r].length(); c++) {
        if (rows[r].charAt(c) == '#') {
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              img.setRGB(x + c * scale + dx, y + r * scale + dy, argb);
            }
          }
        }
      }
    }
  }
}
