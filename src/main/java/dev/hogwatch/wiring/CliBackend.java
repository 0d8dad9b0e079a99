package dev.hogwatch.wiring;

import dev.hogwatch.capture.NethogsProbe;
import dev.hogwatch.capture.NethogsSupervisor;
import dev.hogwatch.capture.Passwd;
import dev.hogwatch.capture.TraceReplay;
import dev.hogwatch.capture.ViewMode;
import dev.hogwatch.cli.Backend;
import dev.hogwatch.desktop.TrayHost;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The CLI's view of the engine, built from the global options. */
final class CliBackend implements Backend {
  private final Engine.Options options;

  CliBackend(Engine.Options options) {
    this.options = options;
  }

  @Override
  public Session start() {
    // top lists every process seen during the run: exited ones are only folded under churn
    Engine e = Engine.start(options.withFoldAfter(java.time.Duration.ofDays(365_000)));
    return new Session(e.hub(), e.controls());
  }

  @Override
  public Replay replay(Path file, Integer viewMode, double delaySeconds)
      throws IOException, NotATrace {
    TraceReplay.Source source = () -> Files.newInputStream(file);
    ViewMode mode = viewMode == null ? null : ViewMode.of(viewMode);
    if (mode == null) {
      TraceReplay.Detection d = TraceReplay.detect(source);
      if (d.blocks() == 0) {
        throw new NotATrace(
            "nothing in "
                + file
                + " was recognised as 'nethogs -t' output (no \"Refreshing:\" blocks)");
      }
      if (d.mode() == null) {
        throw new NotATrace(
            "cannot tell which -v mode "
                + file
                + " was recorded with: "
                + d.why()
                + ".\nGive it: --view-mode N (0 KB/s, 1 KB, 2 bytes, 3 MB, 4 MB/s, 5 GB/s)");
      }
      mode = d.mode();
    }
    Accounting a = new Accounting(Long.MAX_VALUE, Integer.MAX_VALUE, pid -> false, Passwd.system());
    long[] nanos = {0};
    TraceReplay.Counts c =
        TraceReplay.replay(
            source,
            mode,
            delaySeconds,
            refresh -> {
              a.apply(refresh);
              nanos[0] = refresh.nanos();
            });
    if (c.blocks() == 0) {
      throw new NotATrace(
          "nothing in "
              + file
              + " was recognised as 'nethogs -t' output (no \"Refreshing:\" blocks)");
    }
    Snapshot s =
        a.snapshot(
            Instant.now(), nanos[0], CaptureStatus.of(CaptureStatus.State.STOPPED, "replay"), 0);
    String first =
        c.garbage() == 0
            ? ""
            : (c.firstGarbageAt() > 0 ? "line " + c.firstGarbageAt() + ": " : "")
                + c.firstGarbage();
    return new Replay(s, mode.number(), viewMode == null, c.blocks(), c.garbage(), first, c.runs());
  }

  @Override
  public List<Check> doctor() {
    List<Check> checks = new ArrayList<>();
    Path bin = NethogsProbe.locate(options.nethogs());
    if (bin == null) {
      String where =
          options.nethogs() == null
              ? "not on PATH, not /usr/sbin/nethogs"
              : "not found at " + options.nethogs();
      checks.add(new Check("nethogs", false, true, where, NethogsSupervisor.INSTALL_FIX));
      checks.add(
          new Check(
              "capture", false, true, "impossible without nethogs", NethogsSupervisor.INSTALL_FIX));
    } else {
      checks.add(
          new Check("nethogs", true, true, bin + ", version " + NethogsProbe.version(bin), ""));
      CaptureStatus st = NethogsProbe.tryCapture(bin, options.devices());
      checks.add(
          new Check(
              "capture", st.state() == CaptureStatus.State.RUNNING, true, st.message(), st.fix()));
    }
    checks.add(display());
    checks.add(trayHost());
    checks.add(dataDir(options.dataDir()));
    return checks;
  }

  private static Check display() {
    String x = System.getenv("DISPLAY");
    String w = System.getenv("WAYLAND_DISPLAY");
    if ((x == null || x.isEmpty()) && (w == null || w.isEmpty())) {
      return new Check(
          "display",
          false,
          false,
          "no DISPLAY or WAYLAND_DISPLAY: tray and window need a desktop session",
          "run hogwatch from your desktop session (top, replay and doctor work without one)");
    }
    return new Check(
        "display", true, false, x != null && !x.isEmpty() ? "X11 " + x : "Wayland " + w, "");
  }

  private static Check trayHost() {
    return trayCheck(
        TrayHost.detect(System.getenv()), System.getProperty(TrayHost.TYPE_PROPERTY, ""));
  }

  /**
   * The doctor's tray line: which hosts are there and which path the icon takes, and why, e.g.
   * {@code StatusNotifier item, because a StatusNotifierWatcher is on the session bus}.
   */
  static Check trayCheck(TrayHost.Result host, String override) {
    if (!host.present()) {
      return new Check(
          "tray",
          false,
          false,
          "no tray host found ("
              + host.description()
              + "; no _NET_SYSTEM_TRAY_S0 owner, no StatusNotifierWatcher)",
          "add a notification area / status tray to your panel (GNOME: the AppIndicator extension)");
    }
    TrayHost.Choice c = TrayHost.choose(host, override);
    return new Check(
        "tray",
        true,
        false,
        "icon as " + c.path() + (c.forced() ? ", " : ", because ") + c.reason(),
        "");
  }

  static Check dataDir(Path dir) {
    try {
      dev.hogwatch.history.History.createPrivateDirectories(dir);
      if (Files.isWritable(dir)) {
        return new Check("data dir", true, false, dir + " (writable)", "");
      }
      return new Check(
          "data dir", false, false, dir + " is not writable", "choose another with --data-dir DIR");
    } catch (IOException | SecurityException e) {
      return new Check(
          "data dir",
          false,
          false,
          "cannot create "
              + dir
              + (e instanceof java.nio.file.AccessDeniedException ? ": permission denied" : ""),
          "choose another with --data-dir DIR");
    }
  }
}
