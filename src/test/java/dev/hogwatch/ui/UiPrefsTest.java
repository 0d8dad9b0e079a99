package dev.hogwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Units;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiPrefsTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("config/hogwatch/ui.properties");
  }

  @Test
  void defaultsAreBytesFollowTheDesktopAndNoBounds() {
    UiPrefs prefs = new UiPrefs(file());
    assertEquals(Units.Mode.BYTES, prefs.units());
    assertEquals(UiPrefs.Theme.SYSTEM, prefs.theme());
    assertEquals(Optional.empty(), prefs.windowBounds());
    assertFalse(Files.exists(file()), "nothing written until something is chosen");
  }

  @Test
  void choicesAreSavedAndReadByTheNextRun() throws Exception {
    UiPrefs prefs = new UiPrefs(file());
    prefs.setUnits(Units.Mode.BITS);
    prefs.setTheme(UiPrefs.Theme.DARK);
    prefs.setWindowBounds(new UiPrefs.Bounds(-10, 20, 760, 520));
    prefs.awaitSaved();
    String text = Files.readString(file(), StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("units=BITS"), text);
    assertFalse(Files.exists(file().resolveSibling("ui.properties.tmp")), "temporary file left");
    // another run: a store that has not seen this JVM's values, only the file
    Path next = dir.resolve("next.properties");
    Files.copy(file(), next);
    UiPrefs again = new UiPrefs(next);
    assertEquals(Units.Mode.BITS, again.units());
    assertEquals(UiPrefs.Theme.DARK, again.theme());
    assertEquals(Optional.of(new UiPrefs.Bounds(-10, 20, 760, 520)), again.windowBounds());
  }

  @Test
  void damagedValuesFallBackToDefaults() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "units=furlongs\ntheme=\nwindowBounds=1,2,x,4\n");
    UiPrefs prefs = new UiPrefs(file());
    assertEquals(Units.Mode.BYTES, prefs.units());
    assertEquals(UiPrefs.Theme.SYSTEM, prefs.theme());
    assertEquals(Optional.empty(), prefs.windowBounds());
    Path zero = dir.resolve("zero.properties");
    Files.writeString(zero, "windowBounds=1,2,0,4\n");
    assertEquals(Optional.empty(), new UiPrefs(zero).windowBounds(), "zero width is no window");
  }

  @Test
  void aFileThatIsNotPropertiesGivesDefaultsAndIsReplacedOnSave() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "units=\\uZZZZ\n"); // malformed escape: Properties.load throws
    UiPrefs prefs = new UiPrefs(file());
    assertEquals(Units.Mode.BYTES, prefs.units());
    prefs.setTheme(UiPrefs.Theme.LIGHT);
    prefs.awaitSaved();
    Path copy = dir.resolve("copy.properties");
    Files.copy(file(), copy);
    assertEquals(UiPrefs.Theme.LIGHT, new UiPrefs(copy).theme());
  }

  @Test
  void aReadOnlyConfigDirectoryKeepsTheChoiceForThisRun() throws Exception {
    Path ro = dir.resolve("ro");
    Files.createDirectories(ro);
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
    try {
      UiPrefs prefs = new UiPrefs(ro.resolve("hogwatch/ui.properties"));
      CountDownLatch heard = new CountDownLatch(1);
      prefs.onChange(heard::countDown);
      prefs.setUnits(Units.Mode.BITS);
      assertTrue(heard.await(10, TimeUnit.SECONDS), "listeners still hear the change");
      assertEquals(Units.Mode.BITS, prefs.units());
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void listenersHearChangesMadeElsewhereInTheJvm() throws Exception {
    UiPrefs prefs = new UiPrefs(file());
    CountDownLatch heard = new CountDownLatch(1);
    prefs.onChange(heard::countDown);
    UiPrefs other = new UiPrefs(file()); // e.g. the tray's instance
    other.setUnits(Units.Mode.BITS);
    assertTrue(heard.await(10, TimeUnit.SECONDS));
    assertEquals(Units.Mode.BITS, prefs.units());
  }

  @Test
  void settingTheSameValueAgainAnnouncesNothing() throws Exception {
    UiPrefs prefs = new UiPrefs(file());
    prefs.setUnits(Units.Mode.BITS);
    prefs.awaitSaved();
    CountDownLatch heard = new CountDownLatch(1);
    prefs.onChange(heard::countDown);
    prefs.setUnits(Units.Mode.BITS);
    prefs.awaitSaved();
    assertEquals(1, heard.getCount());
  }
}
