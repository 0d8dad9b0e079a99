package dev.hogwatch.ui.window;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * Prints how long the window needs to show 24 hours of 1-second samples: min/max decimation to the
 * plot width, handing the series to XChart, and painting the chart into a 760×300 image. The goal
 * is at most 50 ms. A benchmark, not a test:
 *
 * <pre>{@code
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -Djava.awt.headless=true -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.hogwatch.ui.window.DecimationBenchmark
 * }</pre>
 */
final class DecimationBenchmark {
  private DecimationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = 86_400;
    long now = 1_800_000_000L;
    RateRing ring = new RateRing(seconds, Float.NaN);
    Random rnd = new Random(1);
    for (int s = 0; s < seconds; s++) {
      double base = 200_000 + 150_000 * Math.sin(s / 600.0);
      ring.put(now - seconds + 1 + s, base * rnd.nextDouble(), 5 * base * rnd.nextDouble());
    }
    PastSource past =
        new PastSource() {
          @Override
          public java.util.OptionalLong earliest(Subject subject) {
            return java.util.OptionalLong.of(ring.first());
          }

          @Override
          public RateSeries rates(Subject subject, long from, long to, int maxPoints) {
            return ring.decimate(from, to, maxPoints);
          }
        };
    ChartData.View view = new ChartData.View(List.of(), 86_400, false, 0, 700);
    AtomicReference<ChartView> chart = new AtomicReference<>();
    SwingUtilities.invokeAndWait(
        () -> {
          ThemeSupport.install(false);
          chart.set(new ChartView(ZoneId.of("UTC")));
        });
    BufferedImage img = new BufferedImage(760, 300, BufferedImage.TYPE_INT_RGB);
    int warmup = 30;
    int runs = 60;
    double[] decimateMs = new double[runs];
    double[] totalMs = new double[runs];
    double[] cpuMs = new double[runs];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] edtCpu = new long[1];
    for (int i = 0; i < warmup + runs; i++) {
      int k = i - warmup;
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      ChartData d = ChartData.compute(view, past, now); // worker thread part
      long t1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      SwingUtilities.invokeAndWait( // EDT part
          () -> {
            long e0 = cpu.getCurrentThreadCpuTime();
            chart.get().show(d);
            Graphics2D g = img.createGraphics();
            chart.get().chart().paint(g, img.getWidth(), img.getHeight());
            g.dispose();
            edtCpu[0] = cpu.getCurrentThreadCpuTime() - e0;
          });
      long t2 = System.nanoTime();
      if (k >= 0) {
        decimateMs[k] = (t1 - t0) / 1e6;
        totalMs[k] = (t2 - t0) / 1e6;
        cpuMs[k] = (c1 - c0 + edtCpu[0]) / 1e6;
      }
    }
    Arrays.sort(decimateMs);
    Arrays.sort(totalMs);
    Arrays.sort(cpuMs);
    System.out.printf(
        java.util.Locale.ROOT,
        "24 h of 1 s samples (%d points -> %d per series), decimation + XChart update + paint"
            + " 760x300 (goal <= 50 ms):%n  CPU time   median %.1f ms, p95 %.1f ms%n"
            + "  wall time  median %.1f ms, p95 %.1f ms (decimation alone %.2f ms)%n"
            + "  load average while measuring: %.1f on %d cores%n",
        seconds,
        ChartData.compute(view, past, now).lines().get(0).series().size(),
        cpuMs[runs / 2],
        cpuMs[(int) (runs * 0.95)],
        totalMs[runs / 2],
        totalMs[(int) (runs * 0.95)],
        decimateMs[runs / 2],
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.exit(0);
  }
}
