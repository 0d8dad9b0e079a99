package dev.hogwatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;

/**
 * A history file holding a year, quickly (for GUI tests; {@link SimulatedYear} is the benchmark):
 * 24 programs of three users with a few bursts a day, and the interfaces {@code eth0} and {@code
 * wlan0} with daily totals a little above the programs' sum, through the recorder's own {@link
 * Pending} and {@link HistoryStore#write}.
 */
public final class YearOfHistory {
  private YearOfHistory() {}

  /** Writes a year ending at {@code end} into {@code dir/history.db}. */
  public static void write(Path dir, ZoneId zone, Instant end) throws Exception {
    Random rnd = new Random(7);
    String[] names = {
      "/usr/lib/firefox/firefox", "/usr/bin/thunderbird", "/usr/bin/apt", "/usr/bin/git",
      "/usr/bin/ssh", "/usr/bin/curl", "/usr/lib/slack/slack", "/usr/bin/rsync",
      "/usr/bin/syncthing", "/usr/bin/spotify", "/usr/bin/python3", "/usr/sbin/chronyd"
    };
    try (HistoryStore store = HistoryStore.open(dir.resolve(History.FILE_NAME), zone)) {
      Pending p = new Pending(zone);
      for (int day = 365; day >= 0; day--) {
        for (int burst = 0; burst < 6; burst++) {
          Instant t =
              end.minus(Duration.ofDays(day))
                  .minus(Duration.ofMinutes(rnd.nextInt(day == 0 ? 60 : 1440)));
          if (t.isAfter(end)) {
            continue;
          }
          int i = rnd.nextInt(names.length * 2);
          int uid = i % 3 == 0 ? 0 : 1000 + i % 2;
          ProgramKey k =
              new ProgramKey(names[i % names.length], uid, uid == 0 ? "root" : "u" + uid);
          long sent = (long) (rnd.nextDouble() * 40_000_000);
          long received = (long) (rnd.nextDouble() * 900_000_000);
          p.addProgram(t, k, sent, received);
          p.addProgram(t, ProgramKey.TOTAL, sent, received);
          p.addInterface(t, burst % 2 == 0 ? "eth0" : "wlan0", sent + 1000, received + 5000);
        }
        if (p.cells(Resolution.DAY).size() > 500) {
          store.write(p);
          p.clear();
        }
      }
      store.write(p);
    }
  }
}
