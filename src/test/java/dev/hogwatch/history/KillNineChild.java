package dev.hogwatch.history;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Child JVM for {@link KillNineTest}: records 50 programs' traffic as fast as a real hub would (ten
 * snapshots a second) and prints, after each snapshot, the total sent bytes handed to history so
 * far. It runs until it is killed.
 */
final class KillNineChild {
  private KillNineChild() {}

  public static void main(String[] args) throws Exception {
    History h = History.start(History.Options.defaults(Path.of(args[0])));
    Traffic t = new Traffic(1);
    long fed = 0;
    while (true) {
      Instant now = Instant.now();
      for (int p = 0; p < 50; p++) {
        t.add(now, "prog" + p, 1000 + p, 0, 1000 + p, 1);
        fed += 1000 + p;
      }
      h.accept(t.snapshot(now));
      System.out.println("fed " + fed);
      System.out.flush();
      Thread.sleep(100);
    }
  }
}
