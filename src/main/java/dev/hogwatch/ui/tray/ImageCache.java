package dev.hogwatch.ui.tray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Dorkbox's cache of icon pictures, kept from growing without end. */
final class ImageCache {
  private static final Logger LOG = Logger.getLogger(ImageCache.class.getName());

  private ImageCache() {}

  /**
   * Dorkbox keeps every picture it was given as a small file in {@code
   * $TMPDIR/HogwatchCache_<user>} (named by content hash) and never removes them; with a number in
   * the icon that is a new file for most distinct rates. Files untouched for ten minutes are no
   * longer shown by any tray host and are deleted.
   */
  static int prune() {
    return prune(dir());
  }

  /** Dorkbox's picture cache of this user. */
  static Path dir() {
    return Path.of(
        System.getProperty("java.io.tmpdir"), "HogwatchCache_" + System.getProperty("user.name"));
  }

  /** Deletes the {@code *.cache} files in {@code dir} untouched for ten minutes. */
  static int prune(Path dir) {
    long cutoff = System.currentTimeMillis() - 10 * 60_000L;
    int deleted = 0;
    try (var files = Files.newDirectoryStream(dir, "*.cache")) {
      for (Path f : files) {
        if (Files.getLastModifiedTime(f).toMillis() < cutoff && Files.deleteIfExists(f)) {
          deleted++;
        }
      }
    } catch (IOException e) { // no cache yet, or a file vanished: try again next time
      LOG.log(Level.FINE, "image cache cleanup", e);
    }
    return deleted;
  }
}
