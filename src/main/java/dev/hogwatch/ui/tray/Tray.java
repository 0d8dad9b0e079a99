package dev.hogwatch.ui.tray;

import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.model.Units;
import dev.hogwatch.ui.UiPrefs;
import dorkbox.systemTray.SystemTray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.JOptionPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The tray icon and its menu. Snapshots arrive on the model thread and are only stored; a Swing
 * timer on the event thread takes the newest one once per second, redraws the icon (handing it to
 * Dorkbox only when a pixel changed, since every {@code setImage} writes a PNG file) and updates
 * the menu in place.
 *
 * <p>Example (what the wiring's {@code TrayLauncher} does):
 *
 * <pre>{@code
 * Optional<Tray> tray = Tray.start(hub, controls, hooks, prefs, Tray.Kind.STATUS_NOTIFIER);
 * if (tray.isEmpty()) { hooks.openGraphs(); } // no native tray here
 * }</pre>
 */
public final class Tray {
  private static final Logger LOG = Logger.getLogger(Tray.class.getName());

  /** Set to a file path to have every menu update written there (tests read it). */
  static final String DUMP_PROPERTY = "hogwatch.tray.dump";

  static final String TYPE_PROPERTY = "hogwatch.tray.type";

  /**
   * The menu's numbers are refreshed every {@value #MENU_EVERY} seconds (the icon every second):
   * each changed text is a GTK call and, on a StatusNotifier host, a D-Bus message the panel
   * handles, while nobody reads a closed menu. The status line says so.
   */
  static final int MENU_EVERY = 5;

  /** System property overriding {@link #MENU_EVERY} (seconds; tests use 1). */
  static final String MENU_EVERY_PROPERTY = "hogwatch.tray.menuEvery";

  /**
   * How the icon reaches the panel: as a StatusNotifier item (D-Bus; GNOME's AppIndicator
   * extension, KDE, XFCE; Dorkbox's AppIndicator tray with a crisp picture per slot size) or as an
   * XEMBED tray icon (Dorkbox's GTK tray).
   */
  public enum Kind {
    STATUS_NOTIFIER,
    XEMBED
  }

  private final SystemTray tray;
  private final Hub hub;
  private final Controls controls;
  private final TrayHooks hooks;
  private final IconRenderer renderer = new IconRenderer(IconRenderer.Theme.DARK);
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();
  private final AtomicReference<Snapshot> fresh = new AtomicReference<>();
  private final Consumer<Snapshot> listener = this::offer;
  private final Timer timer;
  private final TrayMenu menu;
  private final Path dump;
  private final UiPrefs prefs;
  private Units.Mode mode;
  private boolean paused;
  private int[] iconPixels = new int[0];
  private long iconUpdates;

  /** What the XEMBED icon shows now (size, mode and both numbers); null before the first. */
  private String iconKey;

  /** How many icon pictures were drawn (fewer than ticks: only when a number changes). */
  private long iconRenders;

  /** Seconds between menu updates, {@value #MENU_EVERY_PROPERTY} (default 5). */
  private final int menuEvery = Math.max(1, Integer.getInteger(MENU_EVERY_PROPERTY, MENU_EVERY));

  /** Timer ticks since start, and the tick of the last menu update. */
  private long ticks;

  private long menuTick = Long.MIN_VALUE / 2;

  /** The per-size icon of a StatusNotifier item; null on the XEMBED path (or as a fallback). */
  private final StatusNotifierIcon sni;

  private Tray(SystemTray tray, Hub hub, Controls controls, TrayHooks hooks, UiPrefs prefs) {
    this.tray = tray;
    this.hub = hub;
    this.controls = controls;
    this.hooks = hooks;
    this.prefs = prefs;
    this.mode = prefs.units();
    String d = System.getProperty(DUMP_PROPERTY, "");
    this.dump = d.isEmpty() ? null : Path.of(d);
    this.menu = new TrayMenu(tray.getMenu(), new Actions(), hooks.autostart(), mode);
    this.sni = statusNotifierIcon(tray, renderer);
    if (sni != null) {
      menu.addRatesAsText(prefs.trayRatesAsText());
      sni.setText(prefs.trayRatesAsText());
    }
    this.timer = new Timer(1000, e -> tick());
    timer.setInitialDelay(0);
  }

  /**
   * The crisp StatusNotifier icon for Dorkbox's AppIndicator tray; null for its GTK (XEMBED) tray,
   * or when libappindicator's icon theme calls cannot be reached (Dorkbox's own rescaled PNG then).
   */
  private static StatusNotifierIcon statusNotifierIcon(SystemTray tray, IconRenderer renderer) {
    java.util.Optional<AppIndicatorCalls> calls = AppIndicatorCalls.of(tray);
    if (calls.isEmpty()) {
      return null;
    }
    try {
      AppIndicatorCalls c = calls.get();
      c.setTitle("Hogwatch");
      return new StatusNotifierIcon(
          renderer,
          StatusNotifierIcon.themeDir(System.getenv()),
          new StatusNotifierIcon.Sink() {
            @Override
            public void showIcon(String themePath, String name, String desc) {
              c.showIcon(themePath, name, desc);
            }

            @Override
            public void setLabel(String label, String guide) {
              c.setLabel(label, guide);
            }
          });
    } catch (IOException e) {
      LOG.log(Level.WARNING, "no icon folder for the StatusNotifier item", e);
      return null;
    }
  }

  /**
   * Switches Dorkbox's update check off ({@link TrayPlatform#disableUpdateCheck}); the wiring calls
   * it before anything touches Dorkbox.
   */
  public static void disableUpdateCheck() {
    TrayPlatform.disableUpdateCheck();
  }

  /**
   * Creates the tray icon, on the event thread. Empty when Dorkbox cannot give a native (GTK or
   * AppIndicator) tray; the caller then opens the window instead.
   */
  public static java.util.Optional<Tray> start(
      Hub hub, Controls controls, TrayHooks hooks, UiPrefs prefs) {
    return start(hub, controls, hooks, prefs, null);
  }

  /**
   * As {@link #start(Hub, Controls, TrayHooks, UiPrefs)} on the path {@code kind} (chosen by the
   * caller from the tray hosts it found); null leaves the choice to {@value #TYPE_PROPERTY} or,
   * without it, to Dorkbox.
   */
  public static java.util.Optional<Tray> start(
      Hub hub, Controls controls, TrayHooks hooks, UiPrefs prefs, Kind kind) {
    TrayPlatform.disableUpdateCheck();
    TrayPlatform.noGtkGl();
    ImageCache.prune();
    SystemTray.AUTO_FIX_INCONSISTENCIES = true;
    if (kind != null) {
      SystemTray.FORCE_TRAY_TYPE =
          kind == Kind.STATUS_NOTIFIER ? SystemTray.TrayType.AppIndicator : SystemTray.TrayType.Gtk;
    } else {
      TrayPlatform.forcedType().ifPresent(t -> SystemTray.FORCE_TRAY_TYPE = t);
    }
    SystemTray st;
    try {
      st = SystemTray.get("Hogwatch");
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "no system tray", e);
      return java.util.Optional.empty();
    }
    if (st == null) {
      return java.util.Optional.empty();
    }
    SystemTray.TrayType type = st.getType();
    if (type != SystemTray.TrayType.Gtk && type != SystemTray.TrayType.AppIndicator) {
      // the Swing and AWT tray types draw their own menus, which clash with the window's look
      LOG.warning("only a " + type + " tray is available; need GTK or AppIndicator");
      st.shutdown();
      return java.util.Optional.empty();
    }
    AtomicReference<Tray> made = new AtomicReference<>();
    Runnable create =
        () -> {
          Tray t = new Tray(st, hub, controls, hooks, prefs);
          made.set(t);
          prefs.onChange(t.unitsListener);
          hub.addListener(t.listener);
          t.timer.start();
        };
    try {
      if (SwingUtilities.isEventDispatchThread()) {
        create.run();
      } else {
        SwingUtilities.invokeAndWait(create);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      st.shutdown();
      return java.util.Optional.empty();
    } catch (java.lang.reflect.InvocationTargetException e) {
      LOG.log(Level.WARNING, "tray menu failed", e.getCause());
      st.shutdown();
      return java.util.Optional.empty();
    }
    LOG.info("tray type " + type + ", icon " + st.getTrayImageSize() + " px");
    return java.util.Optional.of(made.get());
  }

  private final Runnable unitsListener = this::onUnitsPreference;

  /** The window may change the units too: follow it (preferences thread, hop to the EDT). */
  private void onUnitsPreference() {
    SwingUtilities.invokeLater(this::unitsChanged);
  }

  private void unitsChanged() {
    if (prefs.units() != mode) {
      mode = prefs.units();
      refreshNow();
    }
  }

  /** Removes the icon and stops listening; idempotent. */
  public void close() {
    Runnable r =
        () -> {
          timer.stop();
          prefs.removeListener(unitsListener);
          hub.removeListener(listener);
          tray.shutdown();
          if (sni != null) {
            sni.close();
          }
        };
    if (SwingUtilities.isEventDispatchThread()) {
      r.run();
    } else {
      SwingUtilities.invokeLater(r);
    }
  }

  /** Called on the model thread: only remember the snapshot, the timer draws it. */
  private void offer(Snapshot s) {
    latest.set(s);
    fresh.set(s);
  }

  /** How many times the icon picture changed (and was handed to Dorkbox). */
  long iconUpdates() {
    return iconUpdates;
  }

  private void tick() {
    Snapshot s = fresh.getAndSet(null); // null: nothing new since the last tick
    if (s == null || paused) {
      return;
    }
    try {
      ticks++;
      if (ticks - menuTick >= menuEvery) {
        apply(s);
      } else {
        Totals t = MenuState.iconTotals(s, controls.devices());
        showIcon(t.sentRate(), t.receivedRate());
      }
    } catch (RuntimeException e) { // one bad update must not stop the timer
      LOG.log(Level.WARNING, "tray update failed", e);
    }
  }

  /** Shows snapshot {@code s}: icon first, then the menu. Event thread only. */
  void apply(Snapshot s) {
    menuTick = ticks;
    MenuState state =
        MenuState.of(s, mode, controls.allDevices(), controls.devices(), paused, MenuState.TOP)
            .withNotice(menuEvery > 1 ? "updated every " + menuEvery + " s" : null)
            .withNotice(hooks.notice());
    showIcon(state.iconUp(), state.iconDown());
    menu.show(state, mode);
    if (dump != null) {
      writeDump(state);
    }
  }

  /**
   * Shows these rates in the icon. The picture is drawn only when what it shows (size, units, the
   * two compact numbers) changed, and handed to the tray only when a pixel changed.
   */
  private void showIcon(double up, double down) {
    TrayHooks.CapMark mark = hooks.capMark();
    if (sni != null) {
      if (sni.show(up, down, mode, mark)) {
        iconUpdates++;
      }
      return;
    }
    int size = Math.max(16, tray.getTrayImageSize());
    String key =
        size
            + " "
            + mode
            + " "
            + Units.compact(down, mode)
            + " "
            + Units.compact(up, mode)
            + " "
            + mark;
    if (key.equals(iconKey)) {
      return;
    }
    iconKey = key;
    iconRenders++;
    // Dorkbox assumes 24 px; XFCE and KDE show the middle 22 of it
    BufferedImage icon =
        IconRenderer.mark(renderer.render(size, size, size / 24, up, down, mode), size / 24, mark);
    int[] pixels = icon.getRGB(0, 0, size, size, null, 0, size);
    if (!Arrays.equals(pixels, iconPixels)) {
      iconPixels = pixels;
      iconUpdates++;
      tray.setImage(icon);
      if (iconUpdates % 600 == 0) {
        ImageCache.prune();
      }
    }
  }

  private void writeDump(MenuState state) {
    List<String> lines = new ArrayList<>();
    lines.add("iconUpdates\t" + iconUpdates);
    lines.add("iconRenders\t" + iconRenders);
    lines.add("ticks\t" + ticks);
    lines.add("iconPixelsHash\t" + Arrays.hashCode(iconPixels));
    lines.add("capMark\t" + hooks.capMark());
    lines.add("trayKind\t" + (sni != null ? Kind.STATUS_NOTIFIER : tray.getType()));
    if (sni != null) {
      lines.add("iconThemePath\t" + sni.themePath());
      lines.add("iconName\t" + sni.iconName());
      lines.add("label\t" + sni.label());
    }
    lines.add("expected");
    lines.addAll(
        TrayMenu.expected(
            state,
            mode,
            paused,
            menu.autostartChecked(),
            menu.sharingChecked(),
            menu.ratesAsTextChecked(),
            menu.slotLines()));
    lines.add("actual");
    lines.addAll(menu.texts());
    try {
      Path tmp = dump.resolveSibling(dump.getFileName() + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, dump, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(Level.FINE, "dump failed", e);
    }
  }

  private void refreshNow() {
    Snapshot s = latest.get();
    if (s != null) {
      apply(s);
    }
  }

  private static void message(String title, String text) {
    JTextArea area = new JTextArea(text);
    area.setEditable(false);
    area.setOpaque(false);
    area.setLineWrap(false);
    JOptionPane.showMessageDialog(null, area, title, JOptionPane.INFORMATION_MESSAGE);
  }

  /** Menu actions, on the event thread. */
  private final class Actions implements TrayMenu.Listener {
    @Override
    public void openGraphs() {
      hooks.openGraphs();
    }

    @Override
    public void showProgram(String name, int pid) {
      hooks.showProgram(name, pid);
    }

    @Override
    public void showApp(dev.hogwatch.model.AppId app, int uid) {
      hooks.showApp(app, uid);
    }

    @Override
    public void fix(MenuState.Fix fix) {
      switch (fix) {
        case INSTALL ->
            message(
                "Install nethogs",
                "Hogwatch needs nethogs for per-process numbers. Install it with:\n\n    "
                    + hooks.installCommand()
                    + "\n\nthen choose \"Grant capture permission…\" if asked."
                    + "\nUntil then the icon shows the interface totals.");
        case GRANT -> hooks.grantPermission();
        case NONE -> {}
      }
    }

    @Override
    public void toggleDevice(String device) {
      List<String> now = new ArrayList<>(controls.devices());
      if (device == null) {
        now.clear();
      } else if (!now.remove(device)) {
        now.add(device);
      }
      controls.setDevices(List.copyOf(now));
      refreshNow();
    }

    @Override
    public void pause(boolean p) {
      paused = p;
      menu.setPaused(p);
      if (!p) {
        refreshNow();
      } else {
        Snapshot s = latest.get();
        if (s != null) {
          // show "paused" in the status line once, keep the numbers as they were
          menu.show(
              MenuState.of(s, mode, controls.allDevices(), controls.devices(), true, MenuState.TOP)
                  .withNotice(hooks.notice()),
              mode);
        }
      }
    }

    @Override
    public void units(Units.Mode m) {
      mode = m;
      prefs.setUnits(m);
      refreshNow();
    }

    @Override
    public void autostart(boolean enabled) {
      String error = hooks.setAutostart(enabled);
      menu.setAutostart(hooks.autostart());
      if (!error.isEmpty()) {
        message("Start at login", error);
      }
    }

    @Override
    public void share(boolean enabled) {
      String error = hooks.setSharing(enabled);
      menu.setSharing(hooks.sharing());
      if (!error.isEmpty()) {
        message(TrayMenu.SHARE, error);
      }
    }

    @Override
    public void ratesAsText(boolean on) {
      prefs.setTrayRatesAsText(on);
      if (sni != null) {
        sni.setText(on);
        refreshNow();
      }
    }

    @Override
    public void about() {
      message("About Hogwatch", hooks.about());
    }

    @Override
    public void quit() {
      hooks.quit();
    }
  }
}
