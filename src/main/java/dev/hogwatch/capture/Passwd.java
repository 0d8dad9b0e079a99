package dev.hogwatch.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * User names for numeric uids, from {@code /etc/passwd} (nethogs prints the uid). An unknown uid
 * shows as its number. The file is read again at most once a minute when a uid is missing, so new
 * users appear without a restart.
 *
 * <p>Example: a line {@code "alice:x:1000:1000::/home/alice:/bin/bash"} makes {@code apply(1000)}
 * return {@code "alice"}.
 */
public final class Passwd implements IntFunction<String> {
  private final Path file;
  private volatile Map<Integer, String> names = Map.of();
  private final Map<Integer, String> unknown = new ConcurrentHashMap<>();
  private volatile long loadedNanos;
  private volatile boolean loaded;

  public Passwd(Path file) {
    this.file = file;
  }

  /** The system's {@code /etc/passwd}. */
  public static Passwd system() {
    return new Passwd(Path.of("/etc/passwd"));
  }

  @Override
  public String apply(int uid) {
    String n = names.get(uid);
    if (n != null) {
      return n;
    }
    long now = System.nanoTime();
    if (!loaded || now - loadedNanos > 60_000_000_000L) {
      reload(now);
      n = names.get(uid);
      if (n != null) {
        return n;
      }
    }
    return unknown.computeIfAbsent(uid, String::valueOf);
  }

  private synchronized void reload(long now) {
    loaded = true;
    loadedNanos = now;
    try {
      names = parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // keep what we had: uids then show as numbers
    }
  }

  static Map<Integer, String> parse(String text) {
    Map<Integer, String> m = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && !f[0].isEmpty()) {
        try {
          m.putIfAbsent(Integer.parseInt(f[2].trim()), f[0]);
        } catch (NumberFormatException e) {
          // a comment or a broken line: skip it
        }
      }
    }
    return Map.copyOf(m);
  }
}
