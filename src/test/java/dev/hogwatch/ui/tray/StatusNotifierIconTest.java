package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusNotifierIconTest {
  @TempDir Path tmp;

  /** What libappindicator would have been told. */
  private final List<String> calls = new ArrayList<>();

  private StatusNotifierIcon icon;

  @BeforeEach
  void setUp() throws Exception {
    IconThemeDir dir = IconThemeDir.create(tmp.resolve("icons"), "hw", IconRenderer.SLOT_SIZES);
    icon =
        new StatusNotifierIcon(
            new IconRenderer(IconRenderer.Theme.DARK),
            dir,
            new StatusNotifierIcon.Sink() {
              @Override
              public void showIcon(String themePath, String name, String desc) {
                calls.add("icon " + name + " " + desc);
              }

              @Override
              public void setLabel(String label, String guide) {
                calls.add("label " + label);
              }
            });
  }

  @Test
  void picturesAreWrittenOnlyWhenWhatTheyShowChanges() throws Exception {
    assertTrue(icon.show(34_000, 1_200_000, Units.Mode.BYTES));
    assertEquals(List.of("icon hw-1 Hogwatch: 1.2M/s received, 34k/s sent"), calls);
    for (int s : IconRenderer.SLOT_SIZES) {
      assertTrue(Files.exists(tmp.resolve("icons/hicolor/" + s + "x" + s + "/apps/hw-1.png")));
    }
    // 1.21 MB/s still reads 1.2M: nothing to do, nothing written
    assertFalse(icon.show(34_100, 1_210_000, Units.Mode.BYTES));
    assertEquals(1, icon.pictures());
    assertTrue(icon.show(34_000, 1_300_000, Units.Mode.BYTES));
    assertEquals("hw-2", icon.iconName());
    // the same numbers, but sending is now the busier direction: the 16 px picture changes
    assertTrue(icon.show(1_300_000, 1_310_000, Units.Mode.BYTES));
    assertTrue(icon.show(1_310_000, 1_300_000, Units.Mode.BYTES));
    assertFalse(icon.show(1_320_000, 1_300_000, Units.Mode.BYTES));
    assertEquals(4, icon.pictures());
  }

  @Test
  void aDataCapMarkIsDrawnOnlyWhenItChanges() throws Exception {
    assertTrue(icon.show(34_000, 1_200_000, Units.Mode.BYTES, TrayHooks.CapMark.NONE));
    assertFalse(icon.show(34_000, 1_200_000, Units.Mode.BYTES, TrayHooks.CapMark.NONE));
    // the cap reaches 80 %: new pictures with a yellow ring, told in the description
    assertTrue(icon.show(34_000, 1_200_000, Units.Mode.BYTES, TrayHooks.CapMark.NEAR));
    assertEquals(
        "icon hw-2 Hogwatch: 1.2M/s received, 34k/s sent; data cap at 80 % or more",
        calls.get(calls.size() - 1));
    java.awt.image.BufferedImage p22 =
        javax.imageio.ImageIO.read(tmp.resolve("icons/hicolor/22x22/apps/hw-2.png").toFile());
    assertEquals(IconRenderer.NEAR_RING, p22.getRGB(10, 0));
    assertFalse(icon.show(34_000, 1_200_000, Units.Mode.BYTES, TrayHooks.CapMark.NEAR));
    assertTrue(icon.show(34_000, 1_200_000, Units.Mode.BYTES, TrayHooks.CapMark.OVER));
    p22 = javax.imageio.ImageIO.read(tmp.resolve("icons/hicolor/22x22/apps/hw-3.png").toFile());
    assertEquals(IconRenderer.OVER_RING, p22.getRGB(10, 0));
    assertEquals(3, icon.pictures());
    // in text mode the label says it
    icon.setText(true);
    icon.show(34_000, 1_200_000, Units.Mode.BYTES, TrayHooks.CapMark.OVER);
    assertEquals("↓1.2M ↑34k cap 100%", icon.label());
  }

  @Test
  void ratesAsTextSetsTheLabelAndAFixedPicture() {
    icon.show(34_000, 1_200_000, Units.Mode.BYTES);
    calls.clear();
    icon.setText(true);
    assertEquals(2, calls.size(), calls::toString);
    assertTrue(
        calls.get(0).startsWith("icon hw-") && calls.get(0).contains("-arrows "), calls::toString);
    assertEquals("label ↓0 ↑0", calls.get(1));
    calls.clear();
    assertTrue(icon.show(34_000, 1_200_000, Units.Mode.BYTES));
    assertFalse(icon.show(34_000, 1_200_000, Units.Mode.BYTES));
    assertEquals(List.of("label ↓1.2M ↑34k"), calls);
    assertEquals(1, icon.pictures(), "no number pictures while the host draws the text");
    calls.clear();
    icon.setText(false);
    assertEquals(List.of("label "), calls);
    assertTrue(icon.show(34_000, 1_200_000, Units.Mode.BYTES), "numbers back in the picture");
    assertEquals("hw-2", icon.iconName());
  }
}
