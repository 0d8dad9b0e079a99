package dev.hogwatch.ui.tray;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Controls;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.InterfaceSample;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Hub} fed by hand-made nethogs refreshes, and {@link Controls} that only remember what
 * was asked: enough to drive the tray without nethogs.
 *
 * <p>Example: {@code FakeFeed f = new FakeFeed(); f.step(3);} applies three refreshes in which
 * "firefox" and "curl" grow by a few hundred kB.
 */
final class FakeFeed implements Controls {
  final Hub hub;
  private final long start = System.nanoTime();
  private long step;
  private long sent;
  private long received;
  private long ifaceRx;
  private long ifaceTx;
  final List<String> calls = new ArrayList<>();
  private List<String> devices = List.of();

  FakeFeed(CaptureStatus status) {
    hub = new Hub(new Accounting(60_000_000_000L, 1000, pid -> true, uid -> "user" + uid), status);
  }

  FakeFeed() {
    this(CaptureStatus.of(CaptureStatus.State.DEMO, "demo"));
  }

  /** Applies {@code n} more refreshes, one simulated second apart. */
  void step(int n) {
    for (int i = 0; i < n; i++) {
      step++;
      sent += 1000 + (step % 7) * 13_000;
      received += 50_000 + (step % 5) * 400_000;
      long nanos = start + step * 1_000_000_000L;
      List<TraceLine> lines = new ArrayList<>();
      lines.add(new TraceLine("/usr/lib/firefox/firefox", 4242, 1000, sent, received));
      lines.add(
          new TraceLine(
              "curl https://example.org/big.iso", 5151, 1000, sent / 3.0, received / 2.0));
      if (step % 4 < 2) {
        lines.add(new TraceLine("ssh", 6000 + (int) (step % 3), 0, step * 300, step * 200));
      }
      lines.add(new TraceLine("unknown TCP", 0, 0, step * 10, step * 20));
      hub.submit(new Refresh(nanos, 1, lines));
      ifaceRx += 60_000 + step * 1000;
      ifaceTx += 2_000 + step * 10;
      hub.submit(
          new InterfaceSample(
              nanos,
              List.of(
                  new InterfaceSample.Counter("eth0", ifaceRx, ifaceTx),
                  new InterfaceSample.Counter("lo", 5000 + step, 5000 + step))));
    }
  }

  @Override
  public void restartCapture() {
    calls.add("restartCapture");
  }

  @Override
  public void setDevices(List<String> d) {
    calls.add("setDevices " + d);
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

  @Override
  public Grant grantCapturePermission() {
    calls.add("grantCapturePermission");
    return new Grant(false, "not in this fake");
  }

  @Override
  public String installNethogsCommand() {
    return "sudo apt install nethogs";
  }

  /** The real /proc/net/dev, as the engine reads it. */
  @Override
  public List<String> allDevices() {
    return dev.hogwatch.capture.ProcNetDev.deviceNames();
  }

  @Override
  public void shutdown() {
    calls.add("shutdown");
    hub.close();
  }
}
