package dev.hogwatch.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Display names and icons from {@code .desktop} files (freedesktop.org Desktop Entry
 * Specification), looked up by desktop file id, by a snap's name or by the executable an entry
 * starts. The directories are read once, on the first lookup, and again at most every {@link
 * #RESCAN_NANOS} when a lookup finds nothing (an application installed while Hogwatch runs).
 *
 * <p>Example: {@code /usr/share/applications/org.gnome.Terminal.desktop} with {@code Name=Terminal}
 * and {@code Icon=org.gnome.Terminal} makes {@code byId("org.gnome.Terminal")} return {@code
 * Entry("Terminal", "org.gnome.Terminal")}, and {@code Exec=gnome-terminal} makes {@code
 * byExecutable("gnome-terminal")} return the same entry.
 *
 * <p>Not thread-safe: the model thread uses it (through {@link AppIdentity}).
 */
final class DesktopFiles {
  /** How often a missing entry may cause a new scan of the directories. */
  static final long RESCAN_NANOS = 300_000_000_000L;

  /** Programs that start other programs: their name says nothing about the entry. */
  private static final java.util.Set<String> LAUNCHERS =
      java.util.Set.of("flatpak", "snap", "sh", "bash", "env", "gtk-launch", "xdg-open");

  /** The part of a desktop entry Hogwatch shows. */
  record Entry(String name, String icon) {}

  private final List<Path> dirs;
  private Map<String, Entry> byId = Map.of();
  private Map<String, Entry> byExec = Map.of();
  private boolean scanned;
  private long scannedNanos;

  /**
   * @param dirs {@code applications} directories, most important first (user before system)
   */
  DesktopFiles(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /** The entry of desktop file id {@code id} ({@code id + ".desktop"}), or null. */
  Entry byId(String id) {
    String key = id.endsWith(".desktop") ? id.substring(0, id.length() - 8) : id;
    return lookup(() -> byId.get(key.toLowerCase(Locale.ROOT)));
  }

  /** The entry of a snap: {@code <snap>_<snap>.desktop}, else any {@code <snap>_*.desktop}. */
  Entry bySnap(String snap) {
    return lookup(
        () -> {
          String prefix = snap.toLowerCase(Locale.ROOT) + "_";
          Entry e = byId.get(prefix + snap.toLowerCase(Locale.ROOT));
          if (e != null) {
            return e;
          }
          for (Map.Entry<String, Entry> x : byId.entrySet()) {
            if (x.getKey().startsWith(prefix)) {
              return x.getValue();
            }
          }
          return null;
        });
  }

  /** The entry whose id or {@code Exec=} program is {@code executable} (a base name), or null. */
  Entry byExecutable(String executable) {
    String key = executable.toLowerCase(Locale.ROOT);
    return lookup(
        () -> {
          Entry e = byId.get(key);
          return e != null ? e : byExec.get(key);
        });
  }

  private Entry lookup(java.util.function.Supplier<Entry> find) {
    long now = System.nanoTime();
    if (!scanned) {
      scan(now);
      return find.get();
    }
    Entry e = find.get();
    if (e == null && now - scannedNanos > RESCAN_NANOS) {
      scan(now);
      e = find.get();
    }
    return e;
  }

  private void scan(long now) {
    scanned = true;
    scannedNanos = now;
    Map<String, Entry> ids = new HashMap<>();
    Map<String, Entry> execs = new HashMap<>();
    for (Path dir : dirs) {
      List<Path> files = new ArrayList<>();
      try (Stream<Path> s = Files.walk(dir, 3)) {
        s.filter(p -> p.getFileName().toString().endsWith(".desktop")).forEach(files::add);
      } catch (IOException | RuntimeException e) {
        continue; // missing or unreadable directory
      }
      files.sort(null);
      for (Path f : files) {
        String[] parsed = parse(f);
        if (parsed == null) {
          continue;
        }
        // desktop file id: path below the directory with '/' turned into '-'
        String rel = dir.relativize(f).toString().replace('/', '-');
        String id = rel.substring(0, rel.length() - 8).toLowerCase(Locale.ROOT);
        Entry e = new Entry(parsed[0], parsed[1]);
        ids.putIfAbsent(id, e); // earlier directories win
        if (!parsed[2].isEmpty() && !LAUNCHERS.contains(parsed[2])) {
          execs.putIfAbsent(parsed[2].toLowerCase(Locale.ROOT), e);
        }
      }
    }
    byId = ids;
    byExec = execs;
  }

  /** [name, icon, exec base name] of a desktop file's main group, or null if it has no name. */
  static String[] parse(Path file) {
    String text;
    try {
      if (Files.size(file) > 256 * 1024) {
        return null;
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return parse(text);
  }

  /** [name, icon, exec base name] of a desktop file's text, or null if it has no name. */
  static String[] parse(String text) {
    String name = null;
    String icon = "";
    String exec = "";
    boolean main = false;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        main = line.equals("[Desktop Entry]");
        continue;
      }
      if (!main || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String k = line.substring(0, eq).strip();
      String v = line.substring(eq + 1).strip();
      switch (k) {
        case "Name" -> name = v;
        case "Icon" -> icon = v;
        case "Exec" -> exec = execProgram(v);
        default -> {}
      }
    }
    return name == null || name.isEmpty() ? null : new String[] {name, icon, exec};
  }

  /**
   * The base name of the program an {@code Exec=} line starts, skipping {@code env VAR=value}
   * prefixes: {@code "env GDK_BACKEND=x11 /usr/bin/firefox %u"} gives {@code firefox}.
   */
  static String execProgram(String exec) {
    String[] words = exec.replace("\"", "").split("\\s+", -1);
    int i = 0;
    if (i < words.length && (words[i].equals("env") || words[i].endsWith("/env"))) {
      i++;
      while (i < words.length && (words[i].contains("=") || words[i].startsWith("-"))) {
        i++;
      }
    }
    if (i >= words.length || words[i].isEmpty()) {
      return "";
    }
    String w = words[i];
    return w.substring(w.lastIndexOf('/') + 1);
  }
}
