package dev.hogwatch.ui.tray;

import dev.hogwatch.model.Units;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The icon of a StatusNotifier item (GNOME's AppIndicator extension, KDE Plasma, XFCE's status
 * tray): instead of one PNG that every host rescales to its slot, an icon theme folder with the
 * picture laid out for each size a host draws ({@link IconRenderer#SLOT_SIZES}); the host picks its
 * own size, pixel for pixel.
 *
 * <p>Work per update is a comparison of two short strings; only when the numbers shown change (or
 * the busier direction, which the 16 px picture shows) are the five small PNGs written under a new
 * name. With "Show rates as text" the host draws {@code ↓1.2M ↑34k} as the item's label in its own
 * font and the picture is a fixed one with both arrows, written once: an update then only sets the
 * label.
 *
 * <p>Event thread only.
 */
final class StatusNotifierIcon implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StatusNotifierIcon.class.getName());

  /** The label's widest ordinary form, so hosts can keep its width steady. */
  static final String LABEL_GUIDE = "↓8.88M ↑8.88M";

  /**
   * What a picture shows: the two numbers, which direction the 16 px layout picks, and the data
   * cap's mark.
   */
  record Face(String down, String up, boolean downBusier, TrayHooks.CapMark mark) {
    static Face of(double upRate, double downRate, Units.Mode mode) {
      return of(upRate, downRate, mode, TrayHooks.CapMark.NONE);
    }

    static Face of(double upRate, double downRate, Units.Mode mode, TrayHooks.CapMark mark) {
      return new Face(
          Units.compact(downRate, mode), Units.compact(upRate, mode), downRate >= upRate, mark);
    }
  }

  /** Where the pictures go (a theme folder) and who shows them (libappindicator). */
  interface Sink {
    void showIcon(String themePath, String name, String desc);

    void setLabel(String label, String guide);
  }

  private final IconRenderer renderer;
  private final IconThemeDir dir;
  private final Sink sink;
  private Face shown;
  private boolean text;
  private String label = "";
  private String arrowsName;
  private String iconName = "";
  private long pictures;

  StatusNotifierIcon(IconRenderer renderer, IconThemeDir dir, Sink sink) {
    this.renderer = renderer;
    this.dir = dir;
    this.sink = sink;
  }

  /**
   * A theme folder for this process: {@code $XDG_RUNTIME_DIR/hogwatch/icons-<pid>} (a private
   * tmpfs), else under {@code java.io.tmpdir}. Folders left by processes that are gone are removed.
   */
  static IconThemeDir themeDir(Map<String, String> env) throws IOException {
    String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
    Path base =
        !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))
            ? Path.of(runtime, "hogwatch")
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "hogwatch-" + System.getProperty("user.name"));
    long pid = ProcessHandle.current().pid();
    if (Files.isDirectory(base)) {
      try (var old = Files.newDirectoryStream(base, "icons-*")) {
        for (Path p : old) {
          String n = p.getFileName().toString().substring("icons-".length());
          if (n.matches("\\d+") && ProcessHandle.of(Long.parseLong(n)).isEmpty()) {
            IconThemeDir.deleteTree(p);
          }
        }
      }
    }
    return IconThemeDir.create(
        base.resolve("icons-" + pid), "hogwatch-" + pid, IconRenderer.SLOT_SIZES);
  }

  /**
   * Shows these rates: a new set of pictures when the numbers changed, or the label in text mode.
   * Returns true when anything was handed to the host.
   */
  boolean show(double upRate, double downRate, Units.Mode mode) {
    return show(upRate, downRate, mode, TrayHooks.CapMark.NONE);
  }

  /**
   * As {@link #show(double, double, Units.Mode)} with the data cap's mark: a ring on the pictures,
   * or, in text mode, {@code "cap!"} / {@code "cap 100%"} after the rates.
   */
  boolean show(double upRate, double downRate, Units.Mode mode, TrayHooks.CapMark mark) {
    Face f = Face.of(upRate, downRate, mode, mark);
    if (text) {
      String l =
          "↓"
              + f.down()
              + " ↑"
              + f.up()
              + switch (mark) {
                case NONE -> "";
                case NEAR -> " cap!";
                case OVER -> " cap 100%";
              };
      if (l.equals(label)) {
        return false;
      }
      label = l;
      sink.setLabel(l, LABEL_GUIDE);
      return true;
    }
    if (f.equals(shown)) {
      return false;
    }
    Map<Integer, BufferedImage> pics = new LinkedHashMap<>();
    for (int s : IconRenderer.SLOT_SIZES) {
      pics.put(s, IconRenderer.mark(renderer.renderForSlot(s, upRate, downRate, mode), 0, mark));
    }
    try {
      iconName = dir.write(pics);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not write the tray icon to " + dir.path(), e);
      return false;
    }
    shown = f;
    pictures++;
    sink.showIcon(
        dir.path().toString(),
        iconName,
        "Hogwatch: "
            + f.down()
            + "/s received, "
            + f.up()
            + "/s sent"
            + switch (mark) {
              case NONE -> "";
              case NEAR -> "; data cap at 80 % or more";
              case OVER -> "; data cap reached";
            });
    return true;
  }

  /**
   * Switches "Show rates as text": on, the host gets a fixed picture and the rates as a label; off,
   * the label is cleared and the numbers go back into the picture at the next {@link #show}.
   */
  void setText(boolean on) {
    if (on == text) {
      return;
    }
    text = on;
    if (on) {
      try {
        if (arrowsName == null) {
          Map<Integer, BufferedImage> pics = new LinkedHashMap<>();
          for (int s : IconRenderer.SLOT_SIZES) {
            pics.put(s, renderer.renderArrows(s));
          }
          String n = dir.prefix() + "-arrows";
          dir.writeAs(n, pics);
          arrowsName = n;
        }
        iconName = arrowsName;
        sink.showIcon(dir.path().toString(), arrowsName, "Hogwatch");
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not write the tray icon to " + dir.path(), e);
      }
      // a label from the start: some hosts read it only when the item appears
      label = "↓0 ↑0";
      sink.setLabel(label, LABEL_GUIDE);
    } else {
      label = "";
      sink.setLabel("", "");
      shown = null; // the next show() writes the numbers again
    }
  }

  boolean text() {
    return text;
  }

  /** The icon name the host was given last. */
  String iconName() {
    return iconName;
  }

  /** The label the host was given last ("" when none). */
  String label() {
    return label;
  }

  /** How many sets of pictures were written. */
  long pictures() {
    return pictures;
  }

  Path themePath() {
    return dir.path();
  }

  @Override
  public void close() {
    dir.close();
  }

  @Override
  public String toString() {
    return "StatusNotifierIcon[" + Objects.toString(iconName) + "]";
  }
}
