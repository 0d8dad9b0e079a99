package dev.hogwatch.capture;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays a bundled real {@code nethogs -t -v 2} capture, one block per period, looping. Each loop is
 * a new generation, so the model adds it on top of the previous loops and totals keep growing, as
 * they would with a long-running nethogs that is restarted on a schedule.
 *
 * <p>Example: {@code DemoSource.start(hub, Duration.ofSeconds(1))} and the hub shows the recorded
 * python and iperf3 processes with {@link CaptureStatus.State#DEMO}.
 */
public final class DemoSource implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DemoSource.class.getName());

  /** The bundled trace: 62 s of varying traffic from 5 processes (fixture j_long_60s_v2). */
  public static final String RESOURCE = "/demo/j_long_60s_v2.txt";

  private final List<List<TraceLine>> blocks;
  private final Hub hub;
  private final ScheduledExecutorService thread;
  private int next;
  private long generation = Generations.next();

  private DemoSource(List<List<TraceLine>> blocks, Hub hub) {
    this.blocks = blocks;
    this.hub = hub;
    this.thread = Threads.scheduler("hogwatch-demo");
  }

  /** Starts replaying the bundled trace into {@code hub}. */
  public static DemoSource start(Hub hub, Duration period) {
    DemoSource d = new DemoSource(load(), hub);
    hub.submit(
        new CaptureStatus(CaptureStatus.State.DEMO, "Demo: replaying a recorded nethogs trace", ""),
        0);
    long ms = Math.max(1, period.toMillis());
    var unused = d.thread.scheduleAtFixedRate(d::tick, 0, ms, TimeUnit.MILLISECONDS);
    return d;
  }

  /** The blocks of the bundled trace. */
  static List<List<TraceLine>> load() {
    try (InputStream in = DemoSource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("demo trace missing from the jar: " + RESOURCE);
      }
      List<List<TraceLine>> blocks = new ArrayList<>();
      BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, blocks::add);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        a.line(line);
      }
      a.finish();
      // start where the traffic starts: the recording's first blocks are empty
      int first = 0;
      while (first < blocks.size() - 1 && idle(blocks.get(first))) {
        first++;
      }
      return List.copyOf(blocks.subList(first, blocks.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean idle(List<TraceLine> block) {
    for (TraceLine t : block) {
      if (t.sent() > 0 || t.received() > 0) {
        return false;
      }
    }
    return true;
  }

  private void tick() {
    try {
      if (next == blocks.size()) {
        next = 0;
        generation = Generations.next();
      }
      hub.submit(new Refresh(System.nanoTime(), generation, blocks.get(next++)));
    } catch (RuntimeException e) { // keep the schedule alive
      LOG.log(Level.WARNING, "demo tick failed", e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
