package dev.hogwatch.ui;

import dev.hogwatch.model.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The user's display choices, shared by the tray and the window and kept across runs in a small
 * properties file, {@code $XDG_CONFIG_HOME/hogwatch/ui.properties} (default {@code
 * ~/.config/hogwatch/ui.properties}). No Swing, no AWT, and not {@code java.util.prefs}: that one
 * starts a sync timer and loads the JDK's XML parser and serializer (about 300 classes, 5 MB of
 * resident memory in the tray) for three short values.
 *
 * <p>Example: the tray's "Show bits per second" item calls {@code
 * UiPrefs.user().setUnits(Units.Mode.BITS)}; an open graph window listening with {@link
 * #onChange(Runnable)} redraws its axis in bits per second.
 *
 * <p>Thread-safe. Every {@code UiPrefs} of one file in this JVM sees the same values and the same
 * changes; listeners run on the preferences thread and must hop to their own thread. Saving happens
 * on that thread too (callers are often on the EDT); a file that cannot be written keeps the choice
 * for this run only, a damaged one gives the defaults.
 */
public final class UiPrefs {
  private static final Logger LOG = Logger.getLogger(UiPrefs.class.getName());
  private static final String UNITS = "units";
  private static final String THEME = "theme";
  private static final String BOUNDS = "windowBounds";
  private static final String TRAY_TEXT = "trayRatesAsText";

  /** One store per file, shared by every instance that names it. */
  private static final Map<Path, Store> STORES = new ConcurrentHashMap<>();

  private static final ExecutorService SAVER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hogwatch-prefs");
            t.setDaemon(true);
            return t;
          });

  /** Window colours: follow the desktop, or a fixed choice. */
  public enum Theme {
    SYSTEM,
    LIGHT,
    DARK
  }

  /**
   * A window's position and size in screen pixels.
   *
   * <p>Example: {@code new Bounds(100, 80, 760, 520)}.
   */
  public record Bounds(int x, int y, int width, int height) {
    String encode() {
      return x + "," + y + "," + width + "," + height;
    }

    static Optional<Bounds> decode(String s) {
      if (s == null) {
        return Optional.empty();
      }
      String[] p = s.split(",", -1);
      if (p.length != 4) {
        return Optional.empty();
      }
      try {
        Bounds b =
            new Bounds(
                Integer.parseInt(p[0].trim()),
                Integer.parseInt(p[1].trim()),
                Integer.parseInt(p[2].trim()),
                Integer.parseInt(p[3].trim()));
        return b.width() > 0 && b.height() > 0 ? Optional.of(b) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  private final Store store;

  /** Preferences kept in {@code file} (read now if it exists); tests pass a temporary file. */
  public UiPrefs(Path file) {
    this.store = STORES.computeIfAbsent(file.toAbsolutePath().normalize(), Store::new);
  }

  /** The file these preferences live in. */
  public Path file() {
    return store.file;
  }

  /** Bytes or bits per second; default bytes. */
  public Units.Mode units() {
    return parse(Units.Mode.class, store.get(UNITS), Units.Mode.BYTES);
  }

  public void setUnits(Units.Mode mode) {
    store.put(UNITS, mode.name());
  }

  /** The window theme; default {@link Theme#SYSTEM}. */
  public Theme theme() {
    return parse(Theme.class, store.get(THEME), Theme.SYSTEM);
  }

  public void setTheme(Theme theme) {
    store.put(THEME, theme.name());
  }

  /** Where the graph window was last, if known. */
  public Optional<Bounds> windowBounds() {
    return Bounds.decode(store.get(BOUNDS));
  }

  public void setWindowBounds(Bounds bounds) {
    store.put(BOUNDS, bounds.encode());
  }

  /**
   * Whether a StatusNotifier tray item shows the rates as a label drawn by the host ("Show rates as
   * text"); default off.
   */
  public boolean trayRatesAsText() {
    return Boolean.parseBoolean(store.get(TRAY_TEXT));
  }

  public void setTrayRatesAsText(boolean on) {
    store.put(TRAY_TEXT, String.valueOf(on));
  }

  /**
   * Calls {@code listener} after any preference changes, in this JVM, on the preferences thread.
   */
  public void onChange(Runnable listener) {
    store.listeners.add(listener);
  }

  public void removeListener(Runnable listener) {
    store.listeners.remove(listener);
  }

  /** Waits until every change made so far is saved and announced. */
  public void awaitSaved() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    SAVER.execute(done::countDown);
    done.await();
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /** The values of one file, its listeners, and saving it. */
  private static final class Store {
    final Path file;
    final Properties values = new Properties();
    final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    Store(Path file) {
      this.file = file;
      try (InputStream in = Files.newInputStream(file)) {
        values.load(in);
      } catch (NoSuchFileException e) {
        // first run: defaults
      } catch (IOException | IllegalArgumentException e) {
        // unreadable, or a malformed \\u escape: start from the defaults, overwrite on save
        LOG.log(Level.FINE, "could not read " + file, e);
        values.clear();
      }
    }

    String get(String key) {
      return values.getProperty(key);
    }

    void put(String key, String value) {
      if (value.equals(values.setProperty(key, value))) {
        return;
      }
      SAVER.execute(
          () -> {
            save();
            for (Runnable r : listeners) {
              try {
                r.run();
              } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "preference listener failed", ex);
              }
            }
          });
    }

    /** Writes a temporary file beside the real one and moves it over, so a crash loses nothing. */
    private void save() {
      Properties copy = new Properties();
      copy.putAll(values);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try {
        Files.createDirectories( // 0700 even under umask 000
            file.getParent(),
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
          copy.store(out, "Hogwatch display choices (written by the app)");
        }
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        // read-only home: the choice lasts for this run only
        LOG.log(Level.FINE, "could not save " + file, e);
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }
}
