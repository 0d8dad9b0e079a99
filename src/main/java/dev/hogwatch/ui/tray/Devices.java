package dev.hogwatch.ui.tray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Device names for the "Interfaces" submenu, straight from {@code /proc/net/dev} (snapshots list
 * only the selected devices). Re-read at most every five seconds.
 *
 * <p>Example: a file with {@code " eth0: 123 ..."} and {@code " lo: 45 ..."} lines gives {@code
 * ["eth0", "lo"]}.
 */
final class Devices {
  private static final long MAX_AGE_NANOS = 5_000_000_000L;
  private final Path file;
  private List<String> names = List.of();
  private long readAt = Long.MIN_VALUE;

  Devices(Path file) {
    this.file = file;
  }

  List<String> names() {
    long now = System.nanoTime();
    if (readAt == Long.MIN_VALUE || now - readAt > MAX_AGE_NANOS) {
      readAt = now;
      names = parse(file);
    }
    return names;
  }

  static List<String> parse(Path file) {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int colon = line.indexOf(':');
        if (colon > 0 && !line.contains("|")) {
          out.add(line.substring(0, colon).strip());
        }
      }
    } catch (IOException e) { // no /proc (not Linux): the menu just lists what snapshots show
      return List.of();
    }
    return List.copyOf(out);
  }
}
