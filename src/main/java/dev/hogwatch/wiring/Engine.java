package dev.hogwatch.wiring;

import dev.hogwatch.capture.AppIdentity;
import dev.hogwatch.capture.DemoSource;
import dev.hogwatch.capture.NetNamespaces;
import dev.hogwatch.capture.NethogsSupervisor;
import dev.hogwatch.capture.Passwd;
import dev.hogwatch.capture.ProcNetDev;
import dev.hogwatch.capture.ProcPids;
import dev.hogwatch.capture.SocketWatch;
import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.AppResolver;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The running engine: capture (a supervised nethogs, or the bundled demo trace), {@code
 * /proc/net/dev} sampling and the model {@link Hub}, wired together. It implements {@link
 * Controls}; views get the pair ({@link #hub()}, {@link #controls()}) and never see capture.
 *
 * <pre>{@code
 * Engine engine = Engine.start(Engine.Options.defaults().withDemo(true));
 * engine.hub().addListener(snapshot -> ...);   // called on "hogwatch-model"
 * ...
 * engine.controls().shutdown();
 * }</pre>
 */
public final class Engine implements Controls {

  /**
   * What to start.
   *
   * @param nethogs nethogs binary, or {@code null}: nethogs on PATH, then /usr/sbin/nethogs
   * @param devices devices to monitor; empty means all that are up (loopback excluded)
   * @param demo replay the bundled trace instead of running nethogs
   * @param dataDir where history lives
   * @param foldAfter idle time after which an exited process folds into its program aggregate
   * @param maxLive most live processes kept in the model (bounded memory)
   * @param supervision nethogs restart schedule and backoff
   * @param recording whether and how history is recorded
   */
  public record Options(
      Path nethogs,
      List<String> devices,
      boolean demo,
      Path dataDir,
      Duration foldAfter,
      int maxLive,
      NethogsSupervisor.Settings supervision,
      Recording recording) {
    public Options {
      devices = List.copyOf(devices);
    }

    /**
     * Live capture on all devices, default data dir, fold after 60 s, hourly nethogs restart, no
     * history (the command line turns it on: {@link #withRecording}).
     */
    public static Options defaults() {
      return new Options(
          null,
          List.of(),
          false,
          defaultDataDir(),
          Duration.ofSeconds(60),
          5000,
          NethogsSupervisor.Settings.defaults(),
          Recording.off("History is off."));
    }

    public Options withNethogs(Path p) {
      return new Options(p, devices, demo, dataDir, foldAfter, maxLive, supervision, recording);
    }

    public Options withDevices(List<String> d) {
      return new Options(nethogs, d, demo, dataDir, foldAfter, maxLive, supervision, recording);
    }

    public Options withDemo(boolean d) {
      return new Options(nethogs, devices, d, dataDir, foldAfter, maxLive, supervision, recording);
    }

    public Options withDataDir(Path d) {
      return new Options(
          nethogs,
          devices,
          demo,
          d == null ? defaultDataDir() : d,
          foldAfter,
          maxLive,
          supervision,
          recording);
    }

    public Options withFoldAfter(Duration d) {
      return new Options(nethogs, devices, demo, dataDir, d, maxLive, supervision, recording);
    }

    public Options withSupervision(NethogsSupervisor.Settings s) {
      return new Options(nethogs, devices, demo, dataDir, foldAfter, maxLive, s, recording);
    }

    public Options withRecording(Recording r) {
      return new Options(nethogs, devices, demo, dataDir, foldAfter, maxLive, supervision, r);
    }
  }

  /** {@code $XDG_DATA_HOME/hogwatch}, or {@code ~/.local/share/hogwatch}. */
  public static Path defaultDataDir() {
    return dev.hogwatch.desktop.Xdg.dataHome(System.getenv()).resolve("hogwatch");
  }

  private final Options options;
  private final Hub hub;
  private final ProcNetDev netdev;
  private final NethogsSupervisor nethogs;
  private final SocketWatch sockets;
  private final DemoSource demo;
  private final History history;
  private final Thread shutdownHook;
  private volatile List<String> devices;
  private boolean stopped;

  private Engine(Options o) {
    this.options = o;
    this.devices = o.devices();
    long foldNanos =
        o.foldAfter().compareTo(Duration.ofDays(36500)) > 0
            ? Long.MAX_VALUE
            : o.foldAfter().toNanos();
    // the demo trace's pids are not this machine's: name its processes by the trace alone
    Accounting accounting =
        new Accounting(
            foldNanos,
            o.maxLive(),
            o.demo() ? pid -> false : ProcPids.system(),
            Passwd.system(),
            o.demo()
                ? AppResolver.BY_NAME
                : AppIdentity.system(System.getenv(), NetNamespaces.system()));
    // the demo's made-up traffic never crossed the interfaces: nothing to compare
    accounting.countUnseen(!o.demo());
    this.hub =
        new Hub(accounting, CaptureStatus.of(CaptureStatus.State.STARTING, "Starting")).start();
    hub.selectInterfaces(o.devices());
    this.history = o.recording().start(o.dataDir(), hub);
    this.netdev = ProcNetDev.start(ProcNetDev.FILE, hub, o.devices(), Duration.ofSeconds(1));
    if (o.demo()) {
      this.demo = DemoSource.start(hub, Duration.ofSeconds(1));
      this.nethogs = null;
      this.sockets = null;
    } else {
      this.demo = null;
      this.nethogs = NethogsSupervisor.start(o.nethogs(), o.devices(), hub, o.supervision());
      this.sockets = socketWatch(hub);
    }
    this.shutdownHook = new Thread(this::stop, "hogwatch-engine-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The socket watcher that attributes short connections nethogs misses, reading every 10 ms;
   * {@code -Dhogwatch.sockets.millis=N} changes the period, {@code 0} turns it off (to compare).
   */
  private static SocketWatch socketWatch(Hub hub) {
    long millis = Long.getLong("hogwatch.sockets.millis", 10);
    return millis <= 0
        ? null
        : SocketWatch.start(
                hub,
                Duration.ofMillis(millis),
                // its own resolver: the watcher's thread names a process while it still runs
                AppIdentity.system(System.getenv(), AppIdentity.TupleFinder.NONE))
            .orElse(null);
  }

  /** Starts capture, sampling and the model; returns at once. */
  public static Engine start(Options options) {
    return new Engine(options);
  }

  /** The model: snapshots and listeners. */
  public Hub hub() {
    return hub;
  }

  /** What views may ask of the engine (this object). */
  public Controls controls() {
    return this;
  }

  /** History: recording status for the views, and queries of the past (usage, graphs). */
  public History history() {
    return history;
  }

  /** The options the engine was started with. */
  public Options options() {
    return options;
  }

  /** The pid of the running nethogs, if any (for diagnostics and tests). */
  public OptionalLong nethogsPid() {
    return nethogs == null ? OptionalLong.empty() : nethogs.pid();
  }

  @Override
  public void restartCapture() {
    if (nethogs != null) {
      nethogs.restart();
    }
  }

  @Override
  public void setDevices(List<String> newDevices) {
    List<String> d = List.copyOf(newDevices);
    devices = d;
    netdev.setDevices(d);
    hub.selectInterfaces(d);
    if (nethogs != null) {
      nethogs.setDevices(d);
    }
  }

  @Override
  public List<String> devices() {
    return devices;
  }

  @Override
  public String nethogsPath() {
    return nethogs != null
        ? nethogs.nethogsPath()
        : options.nethogs() != null ? options.nethogs().toString() : "/usr/sbin/nethogs";
  }

  @Override
  public Grant grantCapturePermission() {
    java.nio.file.Path bin = java.nio.file.Path.of(nethogsPath());
    // never for a nethogs that others could change: they would get the capabilities
    java.util.Optional<String> unsafe = dev.hogwatch.capture.NethogsTrust.whyUnsafe(bin);
    dev.hogwatch.desktop.Privileges.Result r =
        unsafe.isPresent()
            ? new dev.hogwatch.desktop.Privileges.Result(
                false, dev.hogwatch.capture.NethogsTrust.setcapFix(bin.toString()))
            : dev.hogwatch.desktop.Privileges.grant(bin);
    if (r.ok()) {
      restartCapture();
    }
    return new Grant(r.ok(), r.message());
  }

  @Override
  public String installNethogsCommand() {
    return dev.hogwatch.capture.NethogsSupervisor.INSTALL_FIX;
  }

  private volatile List<String> allDevices = List.of();
  private volatile long allDevicesAt = Long.MIN_VALUE;

  /** {@inheritDoc} Re-read at most every five seconds. */
  @Override
  public List<String> allDevices() {
    long now = System.nanoTime();
    if (allDevicesAt == Long.MIN_VALUE || now - allDevicesAt > 5_000_000_000L) {
      allDevices = List.copyOf(ProcNetDev.deviceNames());
      allDevicesAt = now;
    }
    return allDevices;
  }

  @Override
  public void shutdown() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs stop() itself
    }
  }

  private void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    if (nethogs != null) {
      nethogs.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (sockets != null) {
      sockets.close();
    }
    netdev.close();
    // keep the restart count the last snapshot reported
    hub.submit(CaptureStatus.of(CaptureStatus.State.STOPPED, "Stopped"), hub.latest().restarts());
    try {
      hub.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    history.close(); // writes what the last snapshots added
    hub.close();
  }
}
