package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class IconRendererTest {

  /** Rates from 0 B/s to 9.9 GB/s, every unit and precision step. */
  private static double[] rates() {
    double[] r = new double[400];
    double v = 0;
    for (int i = 0; i < r.length - 1; i++) {
      r[i] = v;
      v = v * 1.06 + 1;
    }
    r[r.length - 1] = 9.9e9;
    return r;
  }

  @ParameterizedTest
  @EnumSource(Units.Mode.class)
  void everyCompactNumberFitsBesideTheArrow(Units.Mode mode) {
    for (double v : rates()) {
      String s = Units.compact(v, mode);
      assertTrue(
          IconRenderer.textWidth(s) <= IconRenderer.TEXT_WIDTH,
          s + " is " + IconRenderer.textWidth(s) + " px wide");
    }
  }

  /**
   * The data cap's ring changes only badge pixels along the edge (inside what a host crops), never
   * a digit or an arrow, at every size the tray or a StatusNotifier host uses.
   */
  @ParameterizedTest
  @EnumSource(
      value = TrayHooks.CapMark.class,
      names = {"NEAR", "OVER"})
  void theCapRingCoversNoGlyphAtAnySize(TrayHooks.CapMark mark) {
    IconRenderer r = new IconRenderer(IconRenderer.Theme.DARK);
    IconRenderer.Theme t = IconRenderer.Theme.DARK;
    int ring = mark == TrayHooks.CapMark.OVER ? IconRenderer.OVER_RING : IconRenderer.NEAR_RING;
    for (double v : rates()) {
      for (int size : new int[] {16, 22, 24, 32, 48}) {
        int crop = size / 24;
        BufferedImage[][] pairs = {
          {r.renderForSlot(size, v, 9.9e9 - v, Units.Mode.BYTES), null, null},
          {r.render(size, size, crop, v, 9.9e9 - v, Units.Mode.BYTES), null, null}
        };
        pairs[0][1] =
            IconRenderer.mark(r.renderForSlot(size, v, 9.9e9 - v, Units.Mode.BYTES), 0, mark);
        pairs[1][1] =
            IconRenderer.mark(
                r.render(size, size, crop, v, 9.9e9 - v, Units.Mode.BYTES), crop, mark);
        for (BufferedImage[] p : pairs) {
          int changed = 0;
          for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
              int before = p[0].getRGB(x, y);
              int after = p[1].getRGB(x, y);
              if (before != after) {
                changed++;
                assertEquals(ring, after);
                assertFalse(
                    before == t.text || before == t.up || before == t.down,
                    "the ring covers a glyph pixel at " + x + "," + y + " size " + size + " " + v);
              }
            }
          }
          assertTrue(changed >= 4 * (size - 4), "a ring is drawn at " + size + ": " + changed);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {22, 23, 24, 32, 44, 48})
  void nothingIsClippedAtAnySizeInEitherTheme(int size) {
    for (IconRenderer.Theme theme : IconRenderer.Theme.values()) {
      IconRenderer r = new IconRenderer(theme);
      for (double v : rates()) {
        BufferedImage img = r.render(size, size, v, 9.9e9 - v, Units.Mode.BYTES);
        assertEquals(size, img.getWidth());
        // the outermost pixel column and row on each side belong to the badge, never to a glyph
        for (int i = 0; i < size; i++) {
          for (int[] p : new int[][] {{0, i}, {size - 1, i}, {i, 0}, {i, size - 1}}) {
            int argb = img.getRGB(p[0], p[1]);
            assertFalse(
                argb == theme.text || argb == theme.up || argb == theme.down,
                "glyph pixel on the edge at " + Arrays.toString(p) + " for " + v);
          }
        }
      }
    }
  }

  @Test
  void aPictureCroppedByTheHostKeepsAMarginRoundTheNumbers() {
    // Dorkbox asks for 24 px, XFCE shows the middle 22: nothing may sit in the outer 2 columns
    IconRenderer.Theme t = IconRenderer.Theme.DARK;
    IconRenderer r = new IconRenderer(t);
    for (double v : rates()) {
      BufferedImage img = r.render(24, 24, 1, v, 9.9e9 - v, Units.Mode.BITS);
      for (int y = 0; y < 24; y++) {
        for (int x : new int[] {0, 1, 22, 23}) {
          int p = img.getRGB(x, y);
          assertFalse(p == t.text || p == t.up || p == t.down, "glyph at " + x + "," + y);
        }
      }
      assertEquals(t.background, img.getRGB(1, 12), "the badge fills the picture");
    }
  }

  @ParameterizedTest
  @EnumSource(IconRenderer.Theme.class)
  void textContrastsWithTheBadge(IconRenderer.Theme theme) {
    assertEquals(18, arrowPixels(theme, 24), "two 5x3 triangles in trayer's 24 px slot");
    assertEquals(8, arrowPixels(theme, 22), "two 3x2 triangles in XFCE's 22 px slot");
    BufferedImage img = new IconRenderer(theme).render(22, 22, 1234, 5678, Units.Mode.BYTES);
    int text = 0;
    for (int y = 0; y < 22; y++) {
      for (int x = 0; x < 22; x++) {
        int p = img.getRGB(x, y);
        text += p == theme.text ? 1 : 0;
      }
    }
    assertTrue(text > 40, "digits drawn: " + text);
    assertTrue(Math.abs(luma(theme.text) - luma(theme.background)) > 150);
    assertTrue(Math.abs(luma(theme.up) - luma(theme.background)) > 80);
    assertTrue(Math.abs(luma(theme.down) - luma(theme.background)) > 80);
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 22, 24})
  void samePictureForSameNumbersAndANewOneWhenTheyChange(int size) {
    IconRenderer r = new IconRenderer(IconRenderer.Theme.DARK);
    int[] a = pixels(r.render(size, size, 1000, 2000, Units.Mode.BYTES));
    int[] b = pixels(r.render(size, size, 1000, 2000, Units.Mode.BYTES));
    int[] c = pixels(r.render(size, size, 1000, 3000, Units.Mode.BYTES));
    int[] d = pixels(r.render(size, size, 1000, 2000, Units.Mode.BITS));
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertFalse(Arrays.equals(a, d));
  }

  private static int arrowPixels(IconRenderer.Theme theme, int width) {
    BufferedImage img = new IconRenderer(theme).render(width, 22, 1234, 5678, Units.Mode.BYTES);
    int n = 0;
    for (int p : pixels(img)) {
      n += p == theme.up || p == theme.down ? 1 : 0;
    }
    return n;
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  private static double luma(int argb) {
    return 0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff);
  }

  @Test
  void slotPicturesAreTheirSizeWithUnblendedColoursAndNoGlyphOnTheEdge() {
    IconRenderer.Theme t = IconRenderer.Theme.DARK;
    IconRenderer r = new IconRenderer(t);
    for (int size : IconRenderer.SLOT_SIZES) {
      for (double v : rates()) {
        BufferedImage img = r.renderForSlot(size, v, 9.9e9 - v, Units.Mode.BYTES);
        assertEquals(size, img.getWidth());
        assertEquals(size, img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            int p = img.getRGB(x, y);
            colours.add(p);
            boolean edge = x == 0 || y == 0 || x == size - 1 || y == size - 1;
            assertFalse(
                edge && (p == t.text || p == t.up || p == t.down),
                size + " px: glyph on the edge at " + x + "," + y + " for " + v);
          }
        }
        // badge, text, one or two arrow colours, transparent corners: nothing blended
        assertTrue(colours.size() <= 5, size + " px has " + colours.size() + " colours");
        assertEquals(0, img.getRGB(0, 0) >>> 24, "corner cut");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 32})
  void theSixteenPixelLayoutShowsTheBusierDirectionOnly(int size) {
    IconRenderer.Theme t = IconRenderer.Theme.DARK;
    IconRenderer r = new IconRenderer(t);
    BufferedImage down = r.renderForSlot(size, 34_000, 1_200_000, Units.Mode.BYTES);
    BufferedImage up = r.renderForSlot(size, 1_200_000, 34_000, Units.Mode.BYTES);
    assertTrue(contains(down, t.down) && !contains(down, t.up));
    assertTrue(contains(up, t.up) && !contains(up, t.down));
    // the same number, only the arrow differs
    int differing = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (down.getRGB(x, y) != up.getRGB(x, y)) {
          differing++;
        }
      }
    }
    int scale = size / 16;
    assertTrue(differing > 0 && differing <= 15 * scale * scale, differing + " pixels differ");
  }

  @ParameterizedTest
  @EnumSource(Units.Mode.class)
  void everyNumberFitsTheSixteenPixelLayout(Units.Mode mode) {
    for (double v : rates()) {
      String s = Units.compact(v, mode);
      String number =
          Character.isDigit(s.charAt(s.length() - 1)) ? s : s.substring(0, s.length() - 1);
      assertTrue(IconRenderer.textWidth(number) <= 14, s + ": " + number + " too wide");
    }
  }

  @Test
  void theTextModePictureHasBothArrowsAndNoDigits() {
    IconRenderer.Theme t = IconRenderer.Theme.DARK;
    for (int size : IconRenderer.SLOT_SIZES) {
      BufferedImage img = new IconRenderer(t).renderArrows(size);
      assertEquals(size, img.getWidth());
      assertTrue(contains(img, t.up) && contains(img, t.down) && !contains(img, t.text));
    }
  }

  private static boolean contains(BufferedImage img, int argb) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if (img.getRGB(x, y) == argb) {
          return true;
        }
      }
    }
    return false;
  }
}
