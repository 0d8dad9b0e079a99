package dev.hogwatch.ui.tray;

import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.model.Units;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the tray shows, as plain text, computed from one {@link Snapshot}: the menu is a pure
 * function of (snapshot, settings), so it can be tested without a tray and rebuilt at any time.
 *
 * <p>Example: a snapshot where firefox (pids 10, 11) sent 1 MB and received 20 MB becomes {@code
 * processes = [Program("firefox ↓ 20.0 MB ↑ 1.00 MB · 0 B/s", ["pids 10, 11", "user alice",
 * "command firefox"], ...)]}.
 *
 * @param status the first line: total rates and capture state
 * @param fix a fix-it item ("Grant capture permission…") or null
 * @param fixKind which fix it is
 * @param processes top programs by bytes transferred since start, at most {@code top}
 * @param unattributed the "Unattributed" line, or null when nothing was unattributed
 * @param devices device names from /proc/net/dev, for the Interfaces submenu
 * @param selectedDevices devices being monitored; empty means all
 * @param iconUp sent bytes/s the icon shows
 * @param iconDown received bytes/s the icon shows
 * @param unseen the "Not seen by capture" line (what the interfaces carried that nethogs never
 *     reported), or null when nothing was unseen
 * @param apps top applications by bytes transferred since start, at most {@code top}; these are
 *     what the menu lists (each a submenu with its processes)
 */
record MenuState(
    String status,
    String fix,
    Fix fixKind,
    List<Program> processes,
    String unattributed,
    List<String> devices,
    List<String> selectedDevices,
    double iconUp,
    double iconDown,
    String unseen,
    List<App> apps) {

  /** Default number of programs listed. */
  static final int TOP = 8;

  /** What the fix-it item does. */
  enum Fix {
    NONE,
    INSTALL,
    GRANT
  }

  /**
   * One program line and its submenu.
   *
   * @param label the line: name, received, sent, current rate
   * @param details submenu lines (pids, user, command)
   * @param name nethogs's name, to select it in the graphs window
   * @param pid its first live pid, or 0 when none is running
   */
  record Program(String label, List<String> details, String name, int pid) {
    Program {
      details = List.copyOf(details);
    }
  }

  /**
   * One application line and its submenu.
   *
   * @param label the line: display name, received, sent, current rate
   * @param lines submenu lines, top to bottom, without the final "Show in graphs"
   * @param app the application, to select it in the graphs window
   * @param uid its user
   */
  record App(String label, List<Line> lines, AppId app, int uid) {
    App {
      lines = List.copyOf(lines);
    }
  }

  /**
   * A line of an application's submenu: a process (clickable: shows it in the graphs window) or a
   * detail (disabled).
   *
   * @param text what the line says
   * @param name nethogs's name of the process, or null for a detail line
   * @param pid the process's pid, or 0 for a detail line
   */
  record Line(String text, String name, int pid) {
    static Line detail(String text) {
      return new Line(text, null, 0);
    }

    boolean clickable() {
      return name != null && pid > 0;
    }
  }

  /** Process lines listed in an application's submenu; the rest are counted on one line. */
  static final int PROCESS_LINES = 5;

  /** A state without applications (programs only), as before applications existed. */
  MenuState(
      String status,
      String fix,
      Fix fixKind,
      List<Program> processes,
      String unattributed,
      List<String> devices,
      List<String> selectedDevices,
      double iconUp,
      double iconDown,
      String unseen) {
    this(
        status,
        fix,
        fixKind,
        processes,
        unattributed,
        devices,
        selectedDevices,
        iconUp,
        iconDown,
        unseen,
        List.of());
  }

  MenuState {
    apps = List.copyOf(apps);
    processes = List.copyOf(processes);
    devices = List.copyOf(devices);
    selectedDevices = List.copyOf(selectedDevices);
  }

  /**
   * The same state with {@code notice} (a short problem such as "history not saved") added to the
   * status line; unchanged when {@code notice} is blank.
   */
  MenuState withNotice(String notice) {
    if (notice == null || notice.isBlank()) {
      return this;
    }
    return new MenuState(
        status + "  ·  " + notice,
        fix,
        fixKind,
        processes,
        unattributed,
        devices,
        selectedDevices,
        iconUp,
        iconDown,
        unseen,
        apps);
  }

  /** Same entries, in the same places, so texts can be updated in place. */
  boolean sameShape(MenuState o) {
    return o != null
        && (fix == null) == (o.fix == null)
        && (unattributed == null) == (o.unattributed == null)
        && (unseen == null) == (o.unseen == null)
        && processes.size() == o.processes.size()
        && apps.size() == o.apps.size()
        && devices.equals(o.devices);
  }

  /** {@link #of(Snapshot, Units.Mode, List, List, boolean, int)} with no extra devices. */
  static MenuState of(
      Snapshot s, Units.Mode mode, List<String> selectedDevices, boolean paused, int top) {
    return of(s, mode, List.of(), selectedDevices, paused, top);
  }

  /**
   * Builds the state; {@code paused} only changes the status line.
   *
   * @param allDevices every device in /proc/net/dev (the snapshot lists only the selected ones)
   */
  static MenuState of(
      Snapshot s,
      Units.Mode mode,
      List<String> allDevices,
      List<String> selectedDevices,
      boolean paused,
      int top) {
    Totals icon = iconTotals(s, selectedDevices);
    CaptureStatus c = s.capture();
    String state = paused ? "paused" : stateWord(c.state());
    String status =
        "↓ "
            + Units.rate(icon.receivedRate(), mode)
            + "   ↑ "
            + Units.rate(icon.sentRate(), mode)
            + "  ·  "
            + state;
    String fix = null;
    Fix kind = Fix.NONE;
    if (c.state() == CaptureStatus.State.NOT_INSTALLED) {
      fix = "How to install nethogs…";
      kind = Fix.INSTALL;
    } else if (c.state() == CaptureStatus.State.NO_PERMISSION) {
      fix = "Grant capture permission…";
      kind = Fix.GRANT;
    }
    Set<String> unattributedNames = new HashSet<>();
    for (ProcessStat p : s.processes()) {
      if (p.unattributed()) {
        unattributedNames.add(p.name());
      }
    }
    List<Program> programs = new ArrayList<>();
    for (ProgramStat p : s.programs()) {
      if (programs.size() >= top) {
        break;
      }
      if (p.pids().isEmpty() && unattributedNames.contains(p.name())) {
        continue;
      }
      programs.add(program(p, mode));
    }
    List<App> apps = new ArrayList<>();
    for (AppStat a : s.apps()) {
      if (apps.size() >= top) {
        break;
      }
      if (!a.app().unattributed()) { // shown on the Unattributed line
        apps.add(app(a, mode));
      }
    }
    Totals u = s.unattributed();
    String unattributed =
        u.totalBytes() == 0
            ? null
            : "Unattributed   ↓ "
                + Units.bytes(u.receivedBytes())
                + "  ↑ "
                + Units.bytes(u.sentBytes());
    Totals n = s.unseen();
    String unseen =
        n.totalBytes() == 0
            ? null
            : Snapshot.UNSEEN_LABEL
                + "   ↓ "
                + Units.bytes(n.receivedBytes())
                + "  ↑ "
                + Units.bytes(n.sentBytes());
    List<String> devices = new ArrayList<>();
    for (String d : allDevices) {
      if (!containerEnd(d)) {
        devices.add(d);
      }
    }
    for (InterfaceStat i : s.interfaces()) {
      if (!devices.contains(i.name()) && !containerEnd(i.name())) {
        devices.add(i.name());
      }
    }
    for (String d : selectedDevices) { // a selected device that vanished stays visible
      if (!devices.contains(d)) {
        devices.add(d);
      }
    }
    return new MenuState(
        status,
        fix,
        kind,
        programs,
        unattributed,
        devices,
        selectedDevices,
        icon.sentRate(),
        icon.receivedRate(),
        unseen,
        apps);
  }

  /**
   * An application's line and submenu: its processes (largest first, at most {@value
   * #PROCESS_LINES}, the rest counted), its user, what it is (kind and id; the command for a plain
   * executable) and its current rates.
   */
  static App app(AppStat a, Units.Mode mode) {
    String label =
        ellipsize(a.app().name(), 32)
            + "   ↓ "
            + Units.bytes(a.receivedBytes())
            + "  ↑ "
            + Units.bytes(a.sentBytes())
            + "  ·  "
            + Units.rate(a.sentRate() + a.receivedRate(), mode);
    List<Line> lines = new ArrayList<>();
    List<ProcessStat> procs = a.processes();
    for (int i = 0; i < procs.size() && i < PROCESS_LINES; i++) {
      ProcessStat p = procs.get(i);
      String who = p.pid() > 0 ? shortName(p.name()) + " (pid " + p.pid() + ")" : p.name();
      lines.add(
          new Line(
              ellipsize(who, 48)
                  + "   ↓ "
                  + Units.bytes(p.receivedBytes())
                  + "  ↑ "
                  + Units.bytes(p.sentBytes()),
              p.pid() > 0 ? p.name() : null,
              p.pid()));
    }
    if (procs.size() > PROCESS_LINES) {
      int more = procs.size() - PROCESS_LINES;
      lines.add(Line.detail("… and " + more + " more process" + (more == 1 ? "" : "es")));
    } else if (procs.isEmpty()) {
      lines.add(Line.detail("no running process"));
    }
    lines.add(Line.detail("user " + a.user() + " (" + a.uid() + ")"));
    AppId id = a.app();
    if (id.kind() == AppId.Kind.EXE) {
      String command = procs.isEmpty() ? id.id() : procs.get(0).name();
      lines.add(Line.detail("command " + ellipsize(command, 80)));
    } else {
      lines.add(Line.detail(id.kind().label() + " " + ellipsize(id.id(), 80)));
    }
    lines.add(
        Line.detail(
            "now  ↓ "
                + Units.rate(a.receivedRate(), mode)
                + "  ↑ "
                + Units.rate(a.sentRate(), mode)));
    return new App(label, lines, id, a.uid());
  }

  /**
   * A container's host-side veth end ({@code veth1a2b3c4@if5} and the like): one per running
   * container, gone when it stops, so not offered in Interfaces ▸ (All still counts it; a device
   * chosen with {@code --device} stays listed).
   */
  static boolean containerEnd(String device) {
    return device.startsWith("veth");
  }

  private static Program program(ProgramStat p, Units.Mode mode) {
    String shortName = shortName(p.name());
    String label =
        shortName
            + "   ↓ "
            + Units.bytes(p.receivedBytes())
            + "  ↑ "
            + Units.bytes(p.sentBytes())
            + "  ·  "
            + Units.rate(p.sentRate() + p.receivedRate(), mode);
    List<String> details = new ArrayList<>();
    if (p.pids().isEmpty()) {
      details.add("no running process");
    } else {
      StringBuilder b = new StringBuilder(p.pids().size() == 1 ? "pid " : "pids ");
      for (int i = 0; i < p.pids().size(); i++) {
        if (i == 5) {
          b.append(", … (").append(p.pids().size()).append(')');
          break;
        }
        b.append(i == 0 ? "" : ", ").append(p.pids().get(i));
      }
      details.add(b.toString());
    }
    details.add("user " + p.user() + " (" + p.uid() + ")");
    details.add("command " + ellipsize(p.name(), 80));
    details.add(
        "now  ↓ " + Units.rate(p.receivedRate(), mode) + "  ↑ " + Units.rate(p.sentRate(), mode));
    return new Program(label, details, p.name(), p.pids().isEmpty() ? 0 : p.pids().get(0));
  }

  /**
   * The program's short name: the last path element of argv[0], e.g. {@code "/usr/bin/python3 -m
   * http.server"} → {@code "python3"}.
   */
  static String shortName(String name) {
    String first = name.strip();
    int space = first.indexOf(' ');
    String argv0 = space < 0 ? first : first.substring(0, space);
    int slash = argv0.lastIndexOf('/');
    String base = slash >= 0 && slash < argv0.length() - 1 ? argv0.substring(slash + 1) : argv0;
    if (base.length() > 1 && base.endsWith(":")) { // process titles such as "sshd: alice@pts/0"
      base = base.substring(0, base.length() - 1);
    }
    return ellipsize(base.isEmpty() ? name : base, 32);
  }

  private static String ellipsize(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String stateWord(CaptureStatus.State s) {
    return switch (s) {
      case STARTING -> "starting";
      case RUNNING -> "live";
      case DEMO -> "demo";
      case NOT_INSTALLED -> "nethogs not installed";
      case NO_PERMISSION -> "no capture permission";
      case NO_DEVICE -> "no network device";
      case RESTARTING -> "restarting capture";
      case STOPPED -> "stopped";
    };
  }

  /**
   * What the icon shows: the per-process totals while nethogs runs, otherwise the kernel's
   * interface counters (limited to the selected devices), so the icon keeps working without nethogs
   * or without permission.
   */
  static Totals iconTotals(Snapshot s, List<String> selectedDevices) {
    if (s.capture().state().perProcess()) {
      return s.totals();
    }
    if (selectedDevices.isEmpty()) {
      return s.interfaceTotals();
    }
    Totals t = Totals.ZERO;
    for (InterfaceStat i : s.interfaces()) {
      if (selectedDevices.contains(i.name())) {
        t = t.plus(i.totals());
      }
    }
    return t;
  }
}
