package dev.hogwatch;

import dev.hogwatch.capture.NethogsProbe;
import dev.hogwatch.capture.NethogsSupervisor;
import dev.hogwatch.capture.Passwd;
import dev.hogwatch.capture.TraceReplay;
import dev.hogwatch.capture.ViewMode;
import dev.hogwatch.cli.Backend;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    String x = System.getenv("DISPLAY");
    boolean xembed = false;
    if (x != null && !x.isEmpty()) {
      try {
        xembed = java.awt.SystemTray.isSupported(); // owner of _NET_SYSTEM_TRAY_S0
      } catch (RuntimeException | Error e) { // headless JVM or broken X: treat as absent
        xembed = false;
      }
    }
    boolean sni = statusNotifierWatcher();
    if (xembed || sni) {
      return new Check(
          "tray",
          true,
          false,
          (xembed ? "X11 system tray" : "")
              + (xembed && sni ? " and " : "")
              + (sni ? "StatusNotifier host" : ""),
          "");
    }
    return new Check(
        "tray",
        false,
        false,
        "no tray host found (no _NET_SYSTEM_TRAY_S0 owner, no StatusNotifierWatcher)",
        "add a notification area / status tray to your panel (GNOME: the AppIndicator extension)");
  }

  private static boolean statusNotifierWatcher() {
    if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(
                  "dbus-send",
                  "--session",
                  "--print-reply",
                  "--dest=org.freedesktop.DBus",
                  "/org/freedesktop/DBus",
                  "org.freedesktop.DBus.NameHasOwner",
                  "string:org.kde.StatusNotifierWatcher")
              .redirectErrorStream(true)
              .start();
      String reply;
      try (InputStream in = p.getInputStream()) {
        reply = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return reply.contains("boolean true");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
