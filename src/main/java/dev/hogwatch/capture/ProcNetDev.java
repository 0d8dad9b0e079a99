package dev.hogwatch.capture;

import dev.hogwatch.model.Hub;
import dev.hogwatch.model.InterfaceSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Interface byte counters from {@code /proc/net/dev}, which needs no privilege, sampled once per
 * period into {@link Hub#submit(InterfaceSample)}.
 *
 * <p>A line looks like {@code " eth0: 123456 789 0 0 0 0 0 0 654321 ..."}: after the colon, field 1
 * is received bytes and field 9 transmitted bytes. Loopback ({@code lo}) is left out unless it is
 * selected explicitly, as nethogs does.
 */
public final class ProcNetDev implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ProcNetDev.class.getName());

  /** The kernel's file. */
  public static final Path FILE = Path.of("/proc/net/dev");

  private final Path file;
  private final Hub hub;
  private final ScheduledExecutorService thread;
  private volatile Set<String> devices;
  private boolean warned;

  private ProcNetDev(Path file, Hub hub, List<String> devices) {
    this.file = file;
    this.hub = hub;
    this.devices = Set.copyOf(devices);
    this.thread = Threads.scheduler("hogwatch-netdev");
  }

  /**
   * Samples {@code file} every {@code period} into {@code hub}; {@code devices} empty means all but
   * loopback.
   */
  public static ProcNetDev start(Path file, Hub hub, List<String> devices, Duration period) {
    ProcNetDev p = new ProcNetDev(file, hub, devices);
    var unused =
        p.thread.scheduleAtFixedRate(
            p::sample, 0, Math.max(1, period.toMillis()), TimeUnit.MILLISECONDS);
    return p;
  }

  /** Changes which devices are reported; empty means all but loopback. */
  public void setDevices(List<String> newDevices) {
    devices = Set.copyOf(newDevices);
  }

  private void sample() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      hub.submit(parse(text, System.nanoTime(), devices));
    } catch (IOException | RuntimeException e) {
      if (!warned) { // once: a missing /proc would otherwise log every second
        warned = true;
        LOG.log(Level.WARNING, "cannot read " + file, e);
      }
    }
  }

  /** Parses the file's text; {@code devices} empty means all but loopback. */
  public static InterfaceSample parse(String text, long nanos, Set<String> devices) {
    List<InterfaceSample.Counter> counters = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue; // the two header lines
      }
      String dev = line.substring(0, colon).trim();
      if (devices.isEmpty() ? dev.equals("lo") : !devices.contains(dev)) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+", -1);
      if (f.length < 9) {
        continue;
      }
      try {
        counters.add(new InterfaceSample.Counter(dev, Long.parseLong(f[0]), Long.parseLong(f[8])));
      } catch (NumberFormatException e) {
        LOG.log(Level.FINE, "odd /proc/net/dev line: " + line, e);
      }
    }
    return new InterfaceSample(nanos, counters);
  }

  /** Names of all devices in {@code /proc/net/dev}, for messages and the device chooser. */
  public static List<String> deviceNames() {
    try {
      List<String> names = new ArrayList<>();
      for (InterfaceSample.Counter c :
          parse(Files.readString(FILE, StandardCharsets.UTF_8), 0, Set.of()).counters()) {
        names.add(c.device());
      }
      return names;
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
