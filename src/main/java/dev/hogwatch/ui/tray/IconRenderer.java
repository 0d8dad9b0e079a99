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
 * pixels stay sharp on HiDPI too. Where that would fill the slot edge to edge (exactly 22 or 44 px
 * wide: XFCE's panel draws tray icons at 22 px) the arrows are the narrow 3×2 kind, which leaves a
 * pixel of badge on either side so the unit letter does not look cut off. Trays smaller than 22 px
 * get a scaled-down 22 px picture.
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

  /** Width of the 5×3 arrows; the numbers get the rest but for a 1 px gap. */
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
  private static final String[] DOWN_NARROW = {"###", ".#."};
  private static final String[] UP_NARROW = {".#.", "###"};

  /** Width of the narrow (3×2) arrows; {@link #ARROW_WIDTH} is that of the 5×3 ones. */
  static final int NARROW_ARROW_WIDTH = 3;

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
    return render(width, height, 0, upRate, downRate, mode);
  }

  /**
   * As {@link #render(int, int, double, double, Units.Mode)}, for a host that may show only the
   * middle of the picture, {@code crop} pixels less on every side: the badge fills the picture and
   * the numbers and arrows are laid out for what is left. Dorkbox asks for 24 px where XFCE's panel
   * shows the middle 22 (measured), and KDE and most panels use 22 px slots too.
   */
  BufferedImage render(
      int width, int height, int crop, double upRate, double downRate, Units.Mode mode) {
    return render(width, height, crop, upRate, downRate, mode, false);
  }

  private BufferedImage render(
      int width,
      int height,
      int crop,
      double upRate,
      double downRate,
      Units.Mode mode,
      boolean crisp) {
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
    g.setColor(new Color(theme.background, true));
    if (crisp) {
      g.fillRect(0, 0, width, height);
    } else {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float arc = 4f * Math.max(1, Math.min(width / BASE_WIDTH, height / BASE_HEIGHT));
      g.fill(new RoundRectangle2D.Float(0, 0, width, height, arc, arc));
    }
    g.dispose();
    int shown = Math.max(BASE_WIDTH, width - 2 * crop);
    int scale = Math.max(1, Math.min(shown / BASE_WIDTH, height / BASE_HEIGHT));
    boolean narrow = shown - BASE_WIDTH * scale < 2 * scale;
    int content = narrow ? BASE_WIDTH - (ARROW_WIDTH - NARROW_ARROW_WIDTH) : BASE_WIDTH;
    int left = (width - content * scale) / 2;
    int top = (height - BASE_HEIGHT * scale) / 2;
    String down = Units.compact(downRate, mode);
    String up = Units.compact(upRate, mode);
    int upTop = top + (BASE_HEIGHT - GLYPH_HEIGHT) * scale;
    if (narrow) {
      draw(img, left, top + 3 * scale, scale, DOWN_NARROW, theme.down);
      draw(img, left, upTop + 3 * scale, scale, UP_NARROW, theme.up);
    } else {
      draw(img, left, top + 2 * scale, scale, DOWN, theme.down);
      draw(img, left, upTop + 2 * scale, scale, UP, theme.up);
    }
    drawNumber(img, left + content * scale, top, scale, down);
    drawNumber(img, left + content * scale, upTop, scale, up);
    return img;
  }

  /**
   * Sizes a StatusNotifier host may ask for (GNOME's top bar 16, XFCE and KDE 22, others 24, 32 on
   * a 2× screen's 16 px slot, 48); {@link #renderForSlot} lays each out for itself.
   */
  static final int[] SLOT_SIZES = {16, 22, 24, 32, 48};

  /** Side of the one-direction layout at scale 1: GNOME's default slot. */
  static final int COMPACT_SIZE = 16;

  /**
   * The icon for a host that shows it at exactly {@code size}×{@code size} pixels (a StatusNotifier
   * host picking the file of its slot size): every pixel lands on a screen pixel, the corners are
   * cut pixel-wise instead of antialiased.
   *
   * <ul>
   *   <li>16–21 px (and 32–43 px, at scale 2: a 16 px slot on a 2× screen): only the busier
   *       direction, the number on top and its arrow with the unit letter below,
   *       <pre>
   *   1.2
   *   ▼  M     1.2 MB/s received, more than was sent
   * </pre>
   *   <li>22–31 px and 44 px up: the two rows of {@link #render(int, int, double, double,
   *       Units.Mode)} at a whole-number scale.
   * </ul>
   */
  BufferedImage renderForSlot(int size, double upRate, double downRate, Units.Mode mode) {
    if (size >= 2 * BASE_WIDTH || (size >= BASE_WIDTH && size < 2 * COMPACT_SIZE)) {
      BufferedImage img = render(size, size, 0, upRate, downRate, mode, true);
      cutCorners(img, Math.max(1, size / BASE_WIDTH));
      return img;
    }
    int scale = Math.max(1, size / COMPACT_SIZE);
    boolean down = downRate >= upRate;
    String text = Units.compact(down ? downRate : upRate, mode);
    char last = text.charAt(text.length() - 1);
    String unit = Character.isDigit(last) ? "" : String.valueOf(last);
    String number = unit.isEmpty() ? text : text.substring(0, text.length() - 1);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    int side = COMPACT_SIZE * scale;
    int left = (size - side) / 2;
    int top = (size - side) / 2;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, theme.background);
      }
    }
    cutCorners(img, scale);
    // number centred in the top row (at most 14 px: "999", "1.2", ".12")
    int w = textWidth(number);
    drawText(img, left + (COMPACT_SIZE - w) / 2 * scale, top + scale, scale, number);
    // the arrow of the direction shown, and the unit letter, in the bottom row
    int rowTop = top + (GLYPH_HEIGHT + 1) * scale;
    draw(
        img,
        left + 2 * scale,
        rowTop + 2 * scale,
        scale,
        down ? DOWN : UP,
        down ? theme.down : theme.up);
    if (!unit.isEmpty()) {
      drawText(img, left + (COMPACT_SIZE - 2 - textWidth(unit)) * scale, rowTop, scale, unit);
    }
    return img;
  }

  /**
   * The small picture beside a host-drawn label ("Show rates as text"): the badge with both arrows
   * side by side, ▼ received and ▲ sent, no numbers.
   */
  BufferedImage renderArrows(int size) {
    int scale = Math.max(1, size / COMPACT_SIZE);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        img.setRGB(x, y, theme.background);
      }
    }
    cutCorners(img, scale);
    int gap = scale;
    int width = (2 * ARROW_WIDTH) * scale + gap;
    int x = (size - width) / 2;
    int y = (size - 3 * scale) / 2;
    draw(img, x, y, scale, DOWN, theme.down);
    draw(img, x + ARROW_WIDTH * scale + gap, y, scale, UP, theme.up);
    return img;
  }

  /** Ring colour of a cap at 80 % or more (yellow) and of a cap reached (red). */
  static final int NEAR_RING = 0xffffcc00;

  static final int OVER_RING = 0xffff3b30;

  /**
   * Draws the data-cap mark on {@code img}: a ring along the badge's edge, {@code inset} pixels in
   * (the part a host crops away), yellow when a cap is near, red when it is reached; nothing for
   * {@link TrayHooks.CapMark#NONE}. The ring is one pixel wide per 22 px of picture and lies in the
   * badge's margin, so it never covers a digit or an arrow. Transparent (cut) corners stay
   * transparent. Returns {@code img}.
   */
  static BufferedImage mark(BufferedImage img, int inset, TrayHooks.CapMark mark) {
    if (mark == TrayHooks.CapMark.NONE) {
      return img;
    }
    int argb = mark == TrayHooks.CapMark.OVER ? OVER_RING : NEAR_RING;
    int w = img.getWidth();
    int h = img.getHeight();
    int t = Math.max(1, Math.min(w, h) / BASE_WIDTH);
    for (int y = inset; y < h - inset; y++) {
      for (int x = inset; x < w - inset; x++) {
        boolean edge = x < inset + t || x >= w - inset - t || y < inset + t || y >= h - inset - t;
        if (edge && (img.getRGB(x, y) >>> 24) != 0) {
          img.setRGB(x, y, argb);
        }
      }
    }
    return img;
  }

  /** Makes the corners transparent in steps of whole pixels: a rounded badge with no blending. */
  private static void cutCorners(BufferedImage img, int radius) {
    int w = img.getWidth();
    int h = img.getHeight();
    for (int dy = 0; dy < radius; dy++) {
      for (int dx = 0; dx + dy < radius; dx++) {
        img.setRGB(dx, dy, 0);
        img.setRGB(w - 1 - dx, dy, 0);
        img.setRGB(dx, h - 1 - dy, 0);
        img.setRGB(w - 1 - dx, h - 1 - dy, 0);
      }
    }
  }

  private void drawText(BufferedImage img, int x, int y, int scale, String text) {
    int cx = x;
    for (int i = 0; i < text.length(); i++) {
      String[] rows = glyphRows(text.charAt(i));
      draw(img, cx, y, scale, rows, theme.text);
      cx += (rows[0].length() + 1) * scale;
    }
  }

  /** Draws {@code text} right-aligned so that it ends just before {@code right}. */
  private void drawNumber(BufferedImage img, int right, int y, int scale, String text) {
    int cx = right - textWidth(text) * scale;
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
