package dev.hogwatch.capture;

import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a saved {@code nethogs -t} output (any {@code -v} mode) and turns it into {@link Refresh}es
 * in bytes since the capture started, as the model wants them.
 *
 * <ul>
 *   <li>Total modes (1, 2, 3): values are scaled to bytes and handed on as they are.
 *   <li>Rate modes (0, 4, 5): each block's rate is taken to hold for one refresh period ({@code
 *       delaySeconds}, nethogs's {@code -d}), so a process's bytes are the sum of rate × period
 *       over its blocks. nethogs's rates are 5-second sliding averages, so the ramp at the start
 *       and the fade after the end of a transfer cancel out. A block identical to the one before,
 *       with some non-zero value, is nethogs's frozen clock on a silent link
 *       (src/test/resources/nethogs/README.md §4): it adds nothing.
 * </ul>
 *
 * <p>The mode, if not given, is detected from the numbers: a value that falls or a line that
 * disappears means a rate mode (totals never do); and the printed values are, within their 6
 * significant digits, whole numbers of bytes (-v 2), of 1/1024 KB (-v 1), of 1/5120 KB/s (-v 0:
 * bytes over a 5 s window), and so on. The smallest unit that fits every informative value wins.
 * Detection needs some small non-zero values; {@code --view-mode} overrides it.
 *
 * <p>Rate modes are approximate by nature: if the capture ends less than 5 s after a transfer, the
 * fading tail of its average is missing (low), and a closed connection's rate can stay frozen for a
 * while (high). Record with {@code -v 2} for exact totals.
 */
public final class TraceReplay {
  private TraceReplay() {}

  /**
   * What a replay found.
   *
   * @param mode view mode used
   * @param detected true when the mode was detected, false when given
   * @param refreshes one per block, values in bytes since the capture started
   * @param lines lines read
   * @param garbage lines inside blocks that were not process lines
   */
  public record Result(
      ViewMode mode, boolean detected, List<Refresh> refreshes, long lines, long garbage) {}

  /**
   * Replays {@code in}.
   *
   * @param given the view mode, or {@code null} to detect it
   * @param delaySeconds the refresh period the capture used ({@code -d}, default 1)
   */
  public static Result read(InputStream in, ViewMode given, double delaySeconds)
      throws IOException {
    List<List<TraceLine>> raw = new ArrayList<>();
    BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, raw::add); // factor 1: raw values
    LineSplitter split = new LineSplitter(a.sink(), NethogsSupervisor.MAX_LINE);
    byte[] buf = new byte[65536];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      split.write(buf, 0, n);
    }
    split.close();
    a.finish();
    ViewMode mode = given != null ? given : detect(raw);
    long period = Math.round(delaySeconds * 1e9);
    long generation = Generations.next();
    List<Refresh> out = new ArrayList<>(raw.size());
    Map<String, double[]> integrated = new HashMap<>();
    List<TraceLine> previous = null;
    for (int i = 0; i < raw.size(); i++) {
      List<TraceLine> block = raw.get(i);
      long nanos = (i + 1) * period;
      List<TraceLine> lines = new ArrayList<>(block.size());
      if (mode.isRate()) {
        boolean frozen = Objects.equals(block, previous) && anyNonZero(block);
        for (TraceLine t : block) {
          String k = t.pid() + "/" + t.uid() + "/" + t.name();
          double[] sum = integrated.computeIfAbsent(k, x -> new double[2]);
          if (!frozen) {
            sum[0] += t.sent() * mode.factor() * delaySeconds;
            sum[1] += t.received() * mode.factor() * delaySeconds;
          }
          lines.add(new TraceLine(t.name(), t.pid(), t.uid(), sum[0], sum[1]));
        }
      } else {
        for (TraceLine t : block) {
          lines.add(
              new TraceLine(
                  t.name(),
                  t.pid(),
                  t.uid(),
                  t.sent() * mode.factor(),
                  t.received() * mode.factor()));
        }
      }
      previous = block;
      out.add(new Refresh(nanos, generation, lines));
    }
    return new Result(mode, given == null, out, a.lines(), a.garbage());
  }

  private static boolean anyNonZero(List<TraceLine> block) {
    for (TraceLine t : block) {
      if (t.sent() != 0 || t.received() != 0) {
        return true;
      }
    }
    return false;
  }

  /** Detects the view mode from raw (unscaled) blocks. */
  static ViewMode detect(List<List<TraceLine>> blocks) {
    boolean rate = false;
    Map<String, double[]> last = new HashMap<>();
    List<Double> values = new ArrayList<>();
    for (List<TraceLine> block : blocks) {
      Map<String, double[]> now = new HashMap<>();
      for (TraceLine t : block) {
        String k = t.pid() + "/" + t.uid() + "/" + t.name();
        double[] prev = last.get(k);
        if (prev != null && (t.sent() < prev[0] || t.received() < prev[1])) {
          rate = true;
        }
        now.put(k, new double[] {t.sent(), t.received()});
        values.add(t.sent());
        values.add(t.received());
      }
      if (!now.keySet().containsAll(last.keySet())) {
        rate = true; // a line disappeared: only rate modes drop lines
      }
      last = now;
    }
    // ordered by unit (bytes per printed unit): a value that is a whole number of a small unit is
    // one of every larger unit too, so the smallest unit that fits is the most specific answer
    ViewMode[] candidates =
        rate
            ? new ViewMode[] {ViewMode.KB_RATE, ViewMode.MB_RATE, ViewMode.GB_RATE}
            : new ViewMode[] {
              ViewMode.BYTES_TOTAL,
              ViewMode.KB_TOTAL,
              ViewMode.KB_RATE,
              ViewMode.MB_TOTAL,
              ViewMode.MB_RATE,
              ViewMode.GB_RATE
            };
    for (ViewMode m : candidates) {
      if (fitsAll(values, unit(m))) {
        return m;
      }
    }
    return rate ? ViewMode.KB_RATE : ViewMode.BYTES_TOTAL;
  }

  /** Bytes per printed unit: totals count whole bytes, rates bytes per 5 s (nethogs's PERIOD). */
  private static double unit(ViewMode m) {
    return m.factor() * (m.isRate() ? 5 : 1);
  }

  private static boolean fitsAll(List<Double> values, double unit) {
    for (double v : values) {
      if (v == 0) {
        continue;
      }
      // half a unit in the 6th significant digit of v, in bytes
      double halfUlp6 = 0.5 * Math.pow(10, Math.floor(Math.log10(v)) - 5);
      double tolerance = halfUlp6 * unit;
      if (tolerance >= 0.25) {
        continue; // the printed digits cannot tell
      }
      double bytes = v * unit;
      if (Math.abs(bytes - Math.rint(bytes)) > tolerance + 1e-6) {
        return false;
      }
    }
    return true;
  }
}
