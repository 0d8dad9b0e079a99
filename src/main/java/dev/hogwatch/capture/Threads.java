package dev.hogwatch.capture;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Named daemon threads whose uncaught failures are logged, never silent. */
final class Threads {
  private static final Logger LOG = Logger.getLogger(Threads.class.getName());

  private Threads() {}

  static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler(
        (th, e) -> LOG.log(Level.SEVERE, "thread " + th.getName() + " died", e));
    return t;
  }

  static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> daemon(name, r));
  }
}
