package dev.hogwatch.ui;

import dev.hogwatch.model.Units;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.prefs.BackingStoreException;
import java.util.prefs.PreferenceChangeEvent;
import java.util.prefs.Preferences;

/**
 * The user's display choices, shared by the tray and the window and kept across runs with {@link
 * java.util.prefs} (under {@code ~/.java/.userPrefs/dev/hogwatch/ui}). No Swing, no AWT: the tray
 * can use it without loading any window classes.
 *
 * <p>Example: the tray's "Show bits per second" item calls {@code
 * UiPrefs.user().setUnits(Units.Mode.BITS)}; an open graph window listening with {@link
 * #onChange(Runnable)} redraws its axis in bits per second.
 *
 * <p>Thread-safe; listeners run on the preferences event thread and must hop to their own thread.
 */
public final class UiPrefs {
  private static final Logger LOG = Logger.getLogger(UiPrefs.class.getName());
  private static final String UNITS = "units";
  private static final String THEME = "theme";
  private static final String BOUNDS = "windowBounds";

  private static final class Holder {
    static final UiPrefs USER = new UiPrefs(Preferences.userRoot().node("dev/hogwatch/ui"));
  }

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

  private final Preferences node;
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Preferences kept in {@code node}; tests pass a throw-away node. */
  public UiPrefs(Preferences node) {
    this.node = node;
    node.addPreferenceChangeListener(this::changed);
  }

  /** The current user's preferences (one shared instance per JVM). */
  public static UiPrefs user() {
    return Holder.USER;
  }

  /** Bytes or bits per second; default bytes. */
  public Units.Mode units() {
    return parse(Units.Mode.class, node.get(UNITS, null), Units.Mode.BYTES);
  }

  public void setUnits(Units.Mode mode) {
    node.put(UNITS, mode.name());
    flush();
  }

  /** The window theme; default {@link Theme#SYSTEM}. */
  public Theme theme() {
    return parse(Theme.class, node.get(THEME, null), Theme.SYSTEM);
  }

  public void setTheme(Theme theme) {
    node.put(THEME, theme.name());
    flush();
  }

  /** Where the graph window was last, if known. */
  public Optional<Bounds> windowBounds() {
    return Bounds.decode(node.get(BOUNDS, null));
  }

  public void setWindowBounds(Bounds bounds) {
    node.put(BOUNDS, bounds.encode());
    flush();
  }

  /**
   * Calls {@code listener} after any preference changes, in this JVM, on the preferences event
   * thread.
   */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private void changed(PreferenceChangeEvent e) {
    for (Runnable r : listeners) {
      try {
        r.run();
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, "preference listener failed", ex);
      }
    }
  }

  /** Saves soon on a background thread: callers are often on the EDT, which must not wait. */
  private void flush() {
    SAVER.execute(
        () -> {
          try {
            node.flush();
          } catch (BackingStoreException | IllegalStateException e) {
            // read-only home, or the node was removed: the choice lasts for this run only
            LOG.log(Level.FINE, "could not save preferences", e);
          }
        });
  }

  private static final java.util.concurrent.ExecutorService SAVER =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hogwatch-prefs");
            t.setDaemon(true);
            return t;
          });

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
}
