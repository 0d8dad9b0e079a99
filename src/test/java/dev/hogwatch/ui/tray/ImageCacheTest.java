package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImageCacheTest {

  @Test
  void picturesUntouchedForTenMinutesAreDeletedOthersKept() throws Exception {
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "HogwatchCache_" + System.getProperty("user.name"));
    Files.createDirectories(dir);
    long pid = ProcessHandle.current().pid();
    Path old = dir.resolve("test-old-" + pid + ".cache");
    Path fresh = dir.resolve("test-new-" + pid + ".cache");
    Path other = dir.resolve("test-" + pid + ".keep");
    try {
      for (Path p : new Path[] {old, fresh, other}) {
        Files.writeString(p, "png");
      }
      FileTime longAgo = FileTime.from(Instant.now().minusSeconds(11 * 60));
      Files.setLastModifiedTime(old, longAgo);
      Files.setLastModifiedTime(other, longAgo);
      assertTrue(Tray.pruneImageCache() >= 1);
      assertFalse(Files.exists(old));
      assertTrue(Files.exists(fresh));
      assertTrue(Files.exists(other), "only *.cache files are Dorkbox's");
    } finally {
      Files.deleteIfExists(old);
      Files.deleteIfExists(fresh);
      Files.deleteIfExists(other);
    }
  }
}
