package dev.hogwatch.ui.window;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens the graph window on synthetic traffic, for looking at it by hand: {@code java -cp ...
 * dev.hogwatch.ui.window.WindowDemo [state]} where state is a {@link CaptureStatus.State} name.
 */
final class WindowDemo {
  private WindowDemo() {}

  /** Controls that only remember what was asked. */
  static final class FakeControls implements Controls {
    volatile List<String> devices = List.of();
    final java.util.concurrent.atomic.AtomicInteger restarts =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean shutdown;

    @Override
    public void restartCapture() {
      restarts.incrementAndGet();
    }

    @Override
    public void setDevices(List<String> d) {
      devices = List.copyOf(d);
    }

    @Override
    public List<String> devices() {
      return devices;
    }

    @Override
    public String nethogsPath() {
      return "/usr/sbin/nethogs";
    }

    /** Nethogs paths {@link #grantCapturePermission} was asked for. */
    final List<String> grants = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Grant grantCapturePermission() {
      grants.add(nethogsPath());
      restartCapture();
      return new Grant(true, "granted");
    }

    @Override
    public String installNethogsCommand() {
      return "sudo apt install nethogs";
    }

    @Override
    public List<String> allDevices() {
      return List.of("eth0", "lo");
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }
  }

  public static void main(String[] args) throws Exception {
    CaptureStatus status =
        CaptureStatus.of(
            args.length > 0 ? CaptureStatus.State.valueOf(args[0]) : CaptureStatus.State.DEMO, "");
    Hub hub = new Hub(Synthetic.accounting(), status).start();
    MemoryPast memory = new MemoryPast();
    for (Snapshot s : Synthetic.history(Instant.now().minusSeconds(1), 7200, status)) {
      memory.accept(s);
    }
    java.nio.file.Path prefs = java.nio.file.Files.createTempDirectory("hogwatch-demo-");
    Graphs graphs =
        new Graphs(
            hub,
            new FakeControls(),
            new dev.hogwatch.ui.UiPrefs(prefs.resolve("ui.properties")),
            memory);
    Synthetic live = new Synthetic();
    ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
    int[] sec = {0};
    var unused =
        feed.scheduleAtFixedRate(
            () -> hub.submit(live.refresh(sec[0]++, System.nanoTime())), 0, 1, TimeUnit.SECONDS);
    GraphWindow w = graphs.open(true);
    w.awaitClosed();
    System.exit(0);
  }
}
