package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCacheTest {
  /** A cache folder of this test's own: the real one belongs to a Hogwatch that may be running. */
  @TempDir Path dir;

  @Test
  void picturesUntouchedForTenMinutesAreDeletedOthersKept() throws Exception {
    Path old = dir.resolve("test-old.cache");
    Path fresh = dir.resolve("test-new.cache");
    Path other = dir.resolve("test.keep");
    for (Path p : new Path[] {old, fresh, other}) {
      Files.writeString(p, "png");
    }
    FileTime longAgo = FileTime.from(Instant.now().minusSeconds(11 * 60));
    Files.setLastModifiedTime(old, longAgo);
    Files.setLastModifiedTime(other, longAgo);
    assertEquals(1, ImageCache.prune(dir));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh));
    assertTrue(Files.exists(other), "only *.cache files are Dorkbox's");
  }
}
