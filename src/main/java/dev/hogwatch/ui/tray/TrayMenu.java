package dev.hogwatch.ui.tray;

import dev.hogwatch.model.AppId;
import dev.hogwatch.model.Units;
import dorkbox.systemTray.Checkbox;
import dorkbox.systemTray.Entry;
import dorkbox.systemTray.Menu;
import dorkbox.systemTray.MenuItem;
import dorkbox.systemTray.Separator;
import java.awt.event.ActionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * The native tray menu, kept in step with a {@link MenuState}. Only texts that changed are set;
 * entries are added or removed only where a count changed (fix-it item, unattributed line,
 * devices), because Dorkbox rebuilds the whole native menu for each, which leaks native memory in
 * GTK and libdbusmenu (about 70 kB per rebuild with AppIndicator). The top applications live in
 * fixed slots that are only ever added (at most {@link MenuState#TOP}, each with as many lines as
 * it ever needed) and then updated in place: texts and enabled states. Dorkbox calls back on its
 * own thread: every callback hops to the Swing event thread.
 *
 * <p>Layout: Open graphs… / status / fix-it / — / top applications ▸ (processes, user, kind, now,
 * Show in graphs) / Unattributed / — / Interfaces ▸ / Pause updates / Units ▸ / Start at login /
 * About / Quit.
 */
final class TrayMenu {

  /** Actions of the menu, called on the event thread. */
  interface Listener {
    void openGraphs();

    void showProgram(String name, int pid);

    /** "Show in graphs" of an application: the graphs window with that application selected. */
    default void showApp(AppId app, int uid) {
      openGraphs();
    }

    void fix(MenuState.Fix fix);

    void toggleDevice(String device); // null = All

    void pause(boolean paused);

    void units(Units.Mode mode);

    void autostart(boolean enabled);

    /** The "Share on localhost:6432" toggle (the web view of {@code hogwatch serve}). */
    default void share(boolean enabled) {}

    /** The "Show rates as text" toggle (StatusNotifier hosts that draw an item's label). */
    default void ratesAsText(boolean on) {}

    void about();

    void quit();
  }

  private final Menu root;
  private final Listener listener;
  private final MenuItem status;
  private MenuItem fix;
  private MenuItem unattributed;
  private MenuItem unseen;
  private final Menu interfaces;
  private final List<Checkbox> deviceBoxes = new ArrayList<>();
  private final Checkbox pause;
  private final Checkbox bytes;
  private final Checkbox bits;
  private final Checkbox autostart;
  private final Checkbox share;

  /** Text of the web view toggle. */
  static final String SHARE = "Share on localhost:6432";

  /** Text of the label toggle, offered where the icon is a StatusNotifier item. */
  static final String RATES_AS_TEXT = "Show rates as text";

  private Checkbox ratesAsText;

  private MenuState.Fix fixKind = MenuState.Fix.NONE;
  private List<String> devices;

  /**
   * One application slot: its submenu, the lines in it (process or detail lines, updated in place)
   * and "Show in graphs" last. Slots are added only while fewer than {@link MenuState#TOP} exist
   * and never removed: a slot with no application is greyed out, a line with nothing to say is
   * blank. {@code target} and {@code lines} hold what each entry shows now (event thread only).
   */
  private static final class AppSlot {
    final Menu menu;
    final List<MenuItem> items = new ArrayList<>();
    final List<MenuState.Line> lines = new ArrayList<>();
    MenuItem show;
    MenuState.App target;

    AppSlot(Menu menu) {
      this.menu = menu;
    }
  }

  private final List<AppSlot> apps = new ArrayList<>();

  TrayMenu(Menu root, Listener listener, boolean autostartOn, Units.Mode mode) {
    this.root = root;
    this.listener = listener;
    root.add(new MenuItem("Open graphs…", edt(e -> listener.openGraphs())));
    status = disabled(new MenuItem("Starting…"));
    root.add(status);
    root.add(new Separator());
    root.add(new Separator());
    interfaces = new Menu("Interfaces");
    root.add(interfaces);
    pause = new Checkbox("Pause updates");
    pause.setCallback(edt(e -> listener.pause(pause.getChecked())));
    root.add(pause);
    Menu units = new Menu("Units");
    bytes = new Checkbox("Bytes per second (MB/s)");
    bits = new Checkbox("Bits per second (Mbit/s)");
    bytes.setChecked(mode == Units.Mode.BYTES);
    bits.setChecked(mode == Units.Mode.BITS);
    bytes.setCallback(edt(e -> listener.units(Units.Mode.BYTES)));
    bits.setCallback(edt(e -> listener.units(Units.Mode.BITS)));
    units.add(bytes);
    units.add(bits);
    root.add(units);
    autostart = new Checkbox("Start at login");
    autostart.setChecked(autostartOn);
    autostart.setCallback(edt(e -> listener.autostart(autostart.getChecked())));
    root.add(autostart);
    share = new Checkbox(SHARE);
    share.setCallback(edt(e -> listener.share(share.getChecked())));
    root.add(share);
    root.add(new MenuItem("About Hogwatch", edt(e -> listener.about())));
    root.add(new MenuItem("Quit", edt(e -> listener.quit())));
  }

  private static ActionListener edt(Consumer<java.awt.event.ActionEvent> action) {
    return e -> SwingUtilities.invokeLater(() -> action.accept(e));
  }

  private static <T extends MenuItem> T disabled(T item) {
    item.setEnabled(false);
    return item;
  }

  /**
   * Brings the menu up to date with {@code s}: texts are set only where they changed; a program
   * line, the fix-it item or the unattributed line is added or removed only where the count
   * changed, so an open menu keeps its place. Returns the number of entries touched.
   */
  int show(MenuState s, Units.Mode mode) {
    int touched = set(status, s.status());
    fixKind = s.fixKind();
    if (s.fix() == null && fix != null) {
      root.remove(fix);
      fix = null;
      touched++;
    } else if (s.fix() != null && fix == null) {
      fix = root.add(new MenuItem(s.fix(), edt(e -> listener.fix(fixKind))), 2);
      touched++;
    } else if (fix != null) {
      touched += set(fix, s.fix());
    }
    int base = 3 + (fix == null ? 0 : 1); // Open graphs…, status, [fix], separator
    for (int i = 0; i < s.apps().size() && apps.size() < MenuState.TOP; i++) {
      if (i >= apps.size()) {
        apps.add(new AppSlot(root.add(new Menu(s.apps().get(i).label()), base + i)));
        touched++;
      }
    }
    for (int i = 0; i < apps.size(); i++) {
      touched += fill(apps.get(i), i < s.apps().size() ? s.apps().get(i) : null);
    }
    int at = base + apps.size();
    if (s.unattributed() == null && unattributed != null) {
      root.remove(unattributed);
      unattributed = null;
      touched++;
    } else if (s.unattributed() != null && unattributed == null) {
      unattributed = root.add(disabled(new MenuItem(s.unattributed())), at);
      touched++;
    } else if (unattributed != null) {
      touched += set(unattributed, s.unattributed());
    }
    at += unattributed == null ? 0 : 1;
    if (s.unseen() == null && unseen != null) {
      root.remove(unseen);
      unseen = null;
      touched++;
    } else if (s.unseen() != null && unseen == null) {
      unseen = root.add(disabled(new MenuItem(s.unseen())), at);
      touched++;
    } else if (unseen != null) {
      touched += set(unseen, s.unseen());
    }
    if (!s.devices().equals(devices)) {
      touched += updateDevices(s.devices());
    }
    for (int i = 0; i < deviceBoxes.size(); i++) {
      boolean checked =
          i == 0 ? s.selectedDevices().isEmpty() : s.selectedDevices().contains(devices.get(i - 1));
      if (deviceBoxes.get(i).getChecked() != checked) {
        deviceBoxes.get(i).setChecked(checked);
        touched++;
      }
    }
    if (bytes.getChecked() != (mode == Units.Mode.BYTES)) {
      bytes.setChecked(mode == Units.Mode.BYTES);
      bits.setChecked(mode == Units.Mode.BITS);
    }
    return touched;
  }

  /**
   * Shows {@code app} in {@code slot} (null: the slot has nothing to show and is greyed out). Lines
   * are set in place; a line is added only when this slot never had that many (blank lines stay for
   * a later, longer application). Returns the entries touched.
   */
  private int fill(AppSlot slot, MenuState.App app) {
    int touched = 0;
    slot.target = app;
    touched += set(slot.menu, app == null ? "—" : app.label());
    touched += enable(slot.menu, app != null);
    List<MenuState.Line> lines = app == null ? List.of() : app.lines();
    while (slot.items.size() < lines.size()) {
      int index = slot.items.size();
      MenuItem item = new MenuItem("");
      item.setCallback( // the line's process at the moment of the click, read on the EDT
          edt(
              e -> {
                MenuState.Line l = slot.lines.get(index);
                if (l.clickable()) {
                  listener.showProgram(l.name(), l.pid());
                }
              }));
      slot.items.add(slot.menu.add(item, index));
      slot.lines.add(MenuState.Line.detail(""));
      touched++;
    }
    if (slot.show == null) {
      slot.show =
          slot.menu.add(
              new MenuItem(
                  "Show in graphs",
                  edt(
                      e -> {
                        MenuState.App t = slot.target;
                        if (t != null) {
                          listener.showApp(t.app(), t.uid());
                        }
                      })));
      touched++;
    }
    for (int i = 0; i < slot.items.size(); i++) {
      MenuState.Line l = i < lines.size() ? lines.get(i) : MenuState.Line.detail(" ");
      slot.lines.set(i, l);
      touched += set(slot.items.get(i), l.text());
      touched += enable(slot.items.get(i), l.clickable());
    }
    touched += enable(slot.show, app != null);
    return touched;
  }

  private static int enable(MenuItem item, boolean enabled) {
    if (item.getEnabled() == enabled) {
      return 0;
    }
    item.setEnabled(enabled);
    return 1;
  }

  /**
   * Brings Interfaces ▸ to "All" plus {@code names}: checkboxes are relabelled in place and added
   * or removed only where the count changed. Every add or remove makes Dorkbox rebuild the whole
   * native menu, and each rebuild leaks native memory in GTK (about 15 kB) and far more through
   * libdbusmenu with AppIndicator (about 70 kB, measured with {@code TrayLeakMain}); a VPN or a
   * container coming and going must not cost that for every device. Returns the entries touched.
   * (Removal goes through the parent menu: {@code Entry.remove()} alone leaves the entry in the
   * parent's Java list for good.)
   */
  private int updateDevices(List<String> names) {
    int touched = 0;
    if (deviceBoxes.isEmpty()) {
      Checkbox all = new Checkbox("All");
      all.setCallback(edt(e -> listener.toggleDevice(null)));
      deviceBoxes.add(interfaces.add(all));
      touched++;
    }
    while (deviceBoxes.size() - 1 > names.size()) {
      interfaces.remove(deviceBoxes.remove(deviceBoxes.size() - 1));
      touched++;
    }
    for (int i = 0; i < names.size(); i++) {
      if (i + 1 < deviceBoxes.size()) {
        touched += set(deviceBoxes.get(i + 1), names.get(i));
      } else {
        Checkbox c = new Checkbox(names.get(i));
        // the slot's device is its label at the moment of the click
        c.setCallback(
            e -> {
              String device = c.getText();
              SwingUtilities.invokeLater(() -> listener.toggleDevice(device));
            });
        deviceBoxes.add(interfaces.add(c));
        touched++;
      }
    }
    devices = List.copyOf(names);
    return touched;
  }

  void setPaused(boolean paused) {
    if (pause.getChecked() != paused) {
      pause.setChecked(paused);
    }
  }

  void setAutostart(boolean on) {
    if (autostart.getChecked() != on) {
      autostart.setChecked(on);
    }
  }

  private static int set(Checkbox item, String text) {
    return set(item.getText(), text, item::setText);
  }

  private static int set(MenuItem item, String text) {
    return set(item.getText(), text, item::setText);
  }

  /** Sets {@code text} only when it differs from {@code current}; 1 when it did. */
  private static int set(String current, String text, Consumer<String> setter) {
    if (Objects.equals(current, text)) {
      return 0;
    }
    setter.accept(text);
    return 1;
  }

  boolean autostartChecked() {
    return autostart.getChecked();
  }

  void setSharing(boolean on) {
    if (share.getChecked() != on) {
      share.setChecked(on);
    }
  }

  boolean sharingChecked() {
    return share.getChecked();
  }

  /**
   * Adds "Show rates as text" below Units (only for a StatusNotifier item: its host may draw a
   * label beside the icon). Once.
   */
  void addRatesAsText(boolean on) {
    if (ratesAsText != null) {
      return;
    }
    Checkbox c = new Checkbox(RATES_AS_TEXT);
    c.setChecked(on);
    c.setCallback(edt(e -> listener.ratesAsText(c.getChecked())));
    ratesAsText = root.add(c, root.getEntries().indexOf(autostart));
  }

  /** The label toggle's state; null when the menu has none. */
  Boolean ratesAsTextChecked() {
    return ratesAsText == null ? null : ratesAsText.getChecked();
  }

  /** {@link #expected(MenuState, Units.Mode, boolean, boolean, boolean)}, not sharing. */
  static List<String> expected(MenuState s, Units.Mode mode, boolean paused, boolean autostart) {
    return expected(s, mode, paused, autostart, false);
  }

  /**
   * The texts {@link #texts()} must show for {@code s}: the layout written down once more, so that
   * a test can compare the live menu with the state it was built from.
   */
  static List<String> expected(
      MenuState s, Units.Mode mode, boolean paused, boolean autostart, boolean sharing) {
    return expected(s, mode, paused, autostart, sharing, null);
  }

  /** As above, with "Show rates as text" checked as {@code ratesAsText} (null: not offered). */
  static List<String> expected(
      MenuState s,
      Units.Mode mode,
      boolean paused,
      boolean autostart,
      boolean sharing,
      Boolean ratesAsText) {
    List<Integer> slots = new ArrayList<>();
    for (MenuState.App a : s.apps()) {
      slots.add(a.lines().size());
    }
    return expected(s, mode, paused, autostart, sharing, ratesAsText, slots);
  }

  /**
   * As above for a menu whose application slots hold {@code slotLines} lines each ({@link
   * #slotLines()}): slots and lines that an earlier, longer state made are greyed out or blank.
   */
  static List<String> expected(
      MenuState s,
      Units.Mode mode,
      boolean paused,
      boolean autostart,
      boolean sharing,
      Boolean ratesAsText,
      List<Integer> slotLines) {
    List<String> out = new ArrayList<>();
    out.add("Open graphs…");
    out.add(s.status());
    if (s.fix() != null) {
      out.add(s.fix());
    }
    out.add("—");
    for (int i = 0; i < slotLines.size(); i++) {
      MenuState.App a = i < s.apps().size() ? s.apps().get(i) : null;
      out.add((a == null ? "—" : a.label()) + " ▸");
      for (int k = 0; k < slotLines.get(i); k++) {
        out.add("  " + (a != null && k < a.lines().size() ? a.lines().get(k).text() : " "));
      }
      out.add("  Show in graphs");
    }
    if (s.unattributed() != null) {
      out.add(s.unattributed());
    }
    if (s.unseen() != null) {
      out.add(s.unseen());
    }
    out.add("—");
    out.add("Interfaces ▸");
    out.add("  " + box(s.selectedDevices().isEmpty()) + "All");
    for (String d : s.devices()) {
      out.add("  " + box(s.selectedDevices().contains(d)) + d);
    }
    out.add(box(paused) + "Pause updates");
    out.add("Units ▸");
    out.add("  " + box(mode == Units.Mode.BYTES) + "Bytes per second (MB/s)");
    out.add("  " + box(mode == Units.Mode.BITS) + "Bits per second (Mbit/s)");
    if (ratesAsText != null) {
      out.add(box(ratesAsText) + RATES_AS_TEXT);
    }
    out.add(box(autostart) + "Start at login");
    out.add(box(sharing) + SHARE);
    out.add("About Hogwatch");
    out.add("Quit");
    return out;
  }

  private static String box(boolean checked) {
    return checked ? "[x] " : "[ ] ";
  }

  /** How many lines (without "Show in graphs") each application slot holds, top to bottom. */
  List<Integer> slotLines() {
    List<Integer> out = new ArrayList<>();
    for (AppSlot a : apps) {
      out.add(a.items.size());
    }
    return out;
  }

  /** Every text in the menu, top to bottom, submenus indented by two spaces (tests, dumps). */
  List<String> texts() {
    List<String> out = new ArrayList<>();
    collect(root, "", out);
    return out;
  }

  private static void collect(Menu menu, String indent, List<String> out) {
    for (Entry e : menu.getEntries()) {
      if (e instanceof Menu m) {
        out.add(indent + m.getText() + " ▸");
        collect(m, indent + "  ", out);
      } else if (e instanceof MenuItem i) {
        out.add(indent + i.getText());
      } else if (e instanceof Checkbox c) {
        out.add(indent + box(c.getChecked()) + c.getText());
      } else if (e instanceof Separator) {
        out.add(indent + "—");
      }
    }
  }
}
