package dev.hogwatch.ui.tray;

import dev.hogwatch.model.Units;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the README's icon pictures: the tray icon for a few rates as a host shows it, on a light
 * and on a dark panel, in the 22 px slot of XFCE and KDE (the middle of Dorkbox's 24 px picture)
 * and in trayer's full 24 px slot; once at real size and once 4× with square pixels.
 *
 * <pre>
 *   java -cp target/classes:target/test-classes dev.hogwatch.ui.tray.IconSheet icons/screenshots
 * </pre>
 */
final class IconSheet {
  private static final double[][] RATES = {
    {0, 0}, {512, 999}, {1_200, 57_000}, {34_000, 1_200_000}, {120_000, 9.9e9}, {100_000, 1e6}
  };
  private static final int[] PANELS = {0xfff2f2f2, 0xff2b2b2b};
  private static final int CELL = 28;

  private IconSheet() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "icons/screenshots");
    BufferedImage sheet = sheet();
    ImageIO.write(sheet, "png", dir.resolve("icon-real-size.png").toFile());
    BufferedImage big =
        new BufferedImage(sheet.getWidth() * 4, sheet.getHeight() * 4, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = big.createGraphics();
    g.drawImage(sheet, 0, 0, big.getWidth(), big.getHeight(), null); // nearest neighbour
    g.dispose();
    ImageIO.write(big, "png", dir.resolve("icon-zoom-4x.png").toFile());
  }

  /** Rows: 22 px on light, 22 px on dark, 24 px on light, 24 px on dark. */
  static BufferedImage sheet() {
    IconRenderer r = new IconRenderer(IconRenderer.Theme.DARK);
    BufferedImage out =
        new BufferedImage(CELL * RATES.length, CELL * 4, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    int row = 0;
    for (int slot : new int[] {22, 24}) {
      for (int panel : PANELS) {
        g.setColor(new Color(panel));
        g.fillRect(0, row * CELL, out.getWidth(), CELL);
        for (int i = 0; i < RATES.length; i++) {
          BufferedImage icon = r.render(24, 24, 1, RATES[i][0], RATES[i][1], Units.Mode.BYTES);
          int cut = (24 - slot) / 2; // what a 22 px host shows: the middle of the picture
          BufferedImage shown = icon.getSubimage(cut, cut, slot, slot);
          g.drawImage(shown, i * CELL + (CELL - slot) / 2, row * CELL + (CELL - slot) / 2, null);
        }
        row++;
      }
    }
    g.dispose();
    return out;
  }
}
