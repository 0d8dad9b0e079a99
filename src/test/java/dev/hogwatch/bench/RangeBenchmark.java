package dev.hogwatch.bench;

import dev.hogwatch.history.History;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.history.SimulatedYear;
import dev.hogwatch.history.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not run by {@code mvn verify}): how long "who used the network in this span" takes on
 * the simulated-year history ({@link SimulatedYear}: 500 programs, default retention), for 1-hour
 * spans within the kept seconds and 30-day spans reaching back into the kept minutes. Budgets: 50
 * ms and 200 ms. As a peer measured in the same run it also times the report's {@link
 * History.Reader#usage} over the same spans.
 *
 * <p>Run: {@code mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * && java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * dev.hogwatch.bench.RangeBenchmark [dir]} (builds {@code dir/history.db} first when it is missing;
 * that takes several minutes).
 */
public final class RangeBenchmark {
  private RangeBenchmark() {}

  /** The simulated year ends here (see {@link SimulatedYear}). */
  static final Instant END = Instant.parse("2026-11-25T00:00:00Z");

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("hogwatch-year");
    Path file = dir.resolve("history.db");
    if (!Files.exists(file)) {
      SimulatedYear.main(new String[] {dir.toString()});
    }
    ZoneId zone = ZoneId.of("Europe/Berlin");
    try (History.ReadOnly store = History.openReadOnly(dir, zone).orElseThrow()) {
      Random rnd = new Random(1);
      for (int i = 0; i < 20; i++) { // warm-up
        store.range(END.minus(Duration.ofHours(2)), END.minus(Duration.ofHours(1)));
      }
      report(store, rnd, "1-hour span", Duration.ofHours(1), Duration.ofHours(23), 50);
      report(store, rnd, "30-day span", Duration.ofDays(30), Duration.ofHours(23), 200);
    }
  }

  private static void report(
      History.Reader store,
      Random rnd,
      String what,
      Duration span,
      Duration within,
      long budgetMs) {
    int n = 60;
    double[] range = new double[n];
    double[] usage = new double[n];
    long resolution = 0;
    int programs = 0;
    for (int i = 0; i < n; i++) {
      // random edges to the second within the last `within`: the worst case, with every finer
      // resolution's edges to read
      Instant until = END.minusSeconds(rnd.nextInt((int) within.toSeconds())).plusMillis(537);
      Instant since = until.minus(span).plusSeconds(rnd.nextInt(3600));
      long t0 = System.nanoTime();
      RangeUsage r = store.range(since, until);
      long t1 = System.nanoTime();
      Usage u = store.usage(r.since(), r.until()); // the peer, on the same (snapped) span
      long t2 = System.nanoTime();
      range[i] = (t1 - t0) / 1e6;
      usage[i] = (t2 - t1) / 1e6;
      resolution = r.resolutionSeconds();
      programs = r.programs().size();
      if (r.totals().totalBytes() != u.totalBytes()) {
        throw new IllegalStateException("range and usage disagree at " + since + " - " + until);
      }
    }
    Arrays.sort(range);
    Arrays.sort(usage);
    System.out.printf(
        Locale.ROOT,
        "%s (%d runs, resolution %d s, ~%d programs): median %.1f ms, p95 %.1f ms, max %.1f ms"
            + " (budget %d ms: %s); report's usage() on the same spans: median %.1f ms%n",
        what,
        n,
        resolution,
        programs,
        range[n / 2],
        range[n * 95 / 100],
        range[n - 1],
        budgetMs,
        range[n * 95 / 100] <= budgetMs ? "within" : "OVER",
        usage[n / 2]);
  }
}
