package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IconThemeDirTest {
  @TempDir Path tmp;

  private static Map<Integer, BufferedImage> pictures(int argb) {
    Map<Integer, BufferedImage> m = new java.util.LinkedHashMap<>();
    for (int s : new int[] {16, 22}) {
      BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
      img.setRGB(s / 2, s / 2, argb);
      m.put(s, img);
    }
    return m;
  }

  @Test
  void everySizeIsAFixedSizeFolderOfTheTheme() throws Exception {
    try (IconThemeDir d = IconThemeDir.create(tmp.resolve("icons"), "hw-1", new int[] {16, 22})) {
      String index = Files.readString(d.path().resolve("hicolor/index.theme"));
      assertTrue(index.contains("Directories=16x16/apps,22x22/apps\n"), index);
      assertTrue(index.contains("[22x22/apps]\nSize=22\nContext=Applications\nType=Fixed\n"));
      String name = d.write(pictures(0xffff0000));
      assertEquals("hw-1-1", name);
      BufferedImage back = ImageIO.read(d.file(name, 22).toFile());
      assertEquals(22, back.getWidth());
      assertEquals(0xffff0000, back.getRGB(11, 11));
    }
  }

  @Test
  void eachPictureGetsANewNameAndOnlyTheLastTwoKeepTheirFiles() throws Exception {
    try (IconThemeDir d = IconThemeDir.create(tmp.resolve("icons"), "hw", new int[] {16, 22})) {
      String a = d.write(pictures(1));
      String b = d.write(pictures(2));
      String c = d.write(pictures(3));
      assertEquals(List.of(b, c), d.names());
      assertFalse(Files.exists(d.file(a, 16)));
      assertFalse(Files.exists(d.file(a, 22)));
      assertTrue(Files.exists(d.file(b, 22)) && Files.exists(d.file(c, 16)));
      try (var files = Files.list(d.path().resolve("hicolor/16x16/apps"))) {
        assertEquals(2, files.count(), "no temporary files left either");
      }
    }
  }

  @Test
  void closeRemovesTheFolderAndAMissingSizeIsRefused() throws Exception {
    Path root = tmp.resolve("icons");
    IconThemeDir d = IconThemeDir.create(root, "hw", new int[] {16, 22});
    Map<Integer, BufferedImage> onlyOne = Map.of(16, pictures(1).get(16));
    assertThrows(IllegalArgumentException.class, () -> d.write(onlyOne));
    d.close();
    assertFalse(Files.exists(root));
  }
}
