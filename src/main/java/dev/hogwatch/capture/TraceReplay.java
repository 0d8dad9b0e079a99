package dev.hogwatch.capture;

import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a saved {@code nethogs -t} output (any {@code -v} mode) and turns it into {@link Refresh}es
 * in bytes since the capture started, as the model wants them. It streams: memory does not grow
 * with the file (one block, and one entry per process, at a time).
 *
 * <ul>
 *   <li>Total modes (1, 2, 3): values are scaled to bytes and handed on as they are. Each nethogs
 *       run in the file (startup lines after blocks, as in {@code cat a.txt b.txt}, or totals that
 *       all fall back) is a new generation, so the runs add up.
 *   <li>Rate modes (0, 4, 5): each block's rate is taken to hold for one refresh period ({@code
 *       delaySeconds}, nethogs's {@code -d}), so a process's bytes are the sum of rate × period
 *       over its blocks. nethogs's rates are 5-second sliding averages, so the ramp at the start
 *       and the fade after the end of a transfer cancel out. A block identical to the one before,
 *       with some non-zero value, is nethogs's frozen clock on a silent link
 *       (src/test/resources/nethogs/README.md §4): it adds nothing.
 * </ul>
 *
 * <p>The mode, if not given, is detected per nethogs run from two kinds of evidence ({@link
 * #detect}): the printed values are, within their 6 significant digits, whole numbers of bytes (-v
 * 2), of 1/1024 KB (-v 1), of 1/5120 KB/s (-v 0: bytes over a 5 s window), and so on, the smallest
 * unit that fits being the most specific answer; and a value that falls while others do not, or a
 * line that disappears, happens only in rate modes (totals never do, except all together when
 * nethogs restarts). When the evidence contradicts itself (whole bytes that fall; a rate run and a
 * total run in one file), detection says so instead of guessing and {@code --view-mode} decides.
 *
 * <p>Rate modes are approximate by nature: if the capture ends less than 5 s after a transfer, the
 * fading tail of its average is missing (low), and a closed connection's rate can stay frozen for a
 * while (high). Record with {@code -v 2} for exact totals.
 */
public final class TraceReplay {
  private TraceReplay() {}

  /** Opens the trace; called once per pass. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /**
   * What a replay found (the whole list of refreshes: for small inputs, such as tests).
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
   * What a streamed replay read.
   *
   * @param mode the view mode used
   * @param blocks blocks handed on
   * @param runs nethogs runs found (1 for one capture)
   * @param lines lines read
   * @param garbage unreadable lines skipped (not process lines, absurd numbers, too long)
   * @param firstGarbageAt line number of the first of them, 0 when none or not known
   * @param firstGarbage that line, quoted for a terminal (empty when none)
   */
  public record Counts(
      ViewMode mode,
      long blocks,
      long runs,
      long lines,
      long garbage,
      long firstGarbageAt,
      String firstGarbage) {}

  /**
   * The outcome of detection.
   *
   * @param mode the detected mode, or {@code null} when the evidence is mixed or absent
   * @param why when {@code mode} is null: what contradicts what, for the user
   * @param blocks blocks in the file (0: nothing was recognised as nethogs output)
   */
  public record Detection(ViewMode mode, String why, long blocks) {}

  /**
   * Replays a whole input held in memory (tests, small files).
   *
   * @param given the view mode, or {@code null} to detect it (the most likely one if the evidence
   *     is mixed)
   */
  public static Result read(InputStream in, ViewMode given, double delaySeconds)
      throws IOException {
    byte[] bytes = in.readAllBytes();
    Source src = () -> new ByteArrayInputStream(bytes);
    ViewMode mode = given;
    if (mode == null) {
      Detection d = detect(src);
      mode = d.mode() != null ? d.mode() : ViewMode.BYTES_TOTAL;
    }
    List<Refresh> out = new ArrayList<>();
    Counts c = replay(src, mode, delaySeconds, out::add);
    return new Result(mode, given == null, out, c.lines(), c.garbage());
  }

  /**
   * Replays {@code source} in {@code mode}, handing each block's refresh to {@code sink} as it is
   * read.
   *
   * @param delaySeconds the refresh period the capture used ({@code -d}, default 1)
   */
  public static Counts replay(
      Source source, ViewMode mode, double delaySeconds, Consumer<Refresh> sink)
      throws IOException {
    Replayer r = new Replayer(mode, delaySeconds, sink);
    BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, r::block, r::newRun);
    pump(source, a);
    boolean assemblerFirst = a.firstGarbageAt() > 0 || r.absurd == 0;
    return new Counts(
        mode,
        a.blocks(),
        a.extraRuns() + 1 + r.restarts,
        a.lines(),
        a.garbage() + r.absurd,
        a.firstGarbageAt(),
        assemblerFirst ? a.firstGarbage() : r.absurdLine);
  }

  private static void pump(Source source, BlockAssembler a) throws IOException {
    LineSplitter split = new LineSplitter(a.sink(), NethogsSupervisor.MAX_LINE);
    try (InputStream in = source.open()) {
      byte[] buf = new byte[65536];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        split.write(buf, 0, n);
      }
    }
    split.close();
  }

  /** The second pass: scales, integrates and hands on. */
  private static final class Replayer {
    private final ViewMode mode;
    private final double delaySeconds;
    private final long period;
    private final Consumer<Refresh> sink;
    private final Map<String, double[]> integrated = new HashMap<>();
    private final Evidence restartCheck = new Evidence();
    private long generation = Generations.next();
    private long index;
    private List<TraceLine> previous;
    long restarts;
    long absurd;
    String absurdLine = "";

    Replayer(ViewMode mode, double delaySeconds, Consumer<Refresh> sink) {
      this.mode = mode;
      this.delaySeconds = delaySeconds;
      this.period = Math.round(delaySeconds * 1e9);
      this.sink = sink;
    }

    void newRun() {
      generation = Generations.next();
      restartCheck.reset();
      previous = null;
    }

    void block(List<TraceLine> raw) {
      index++;
      List<TraceLine> block = new ArrayList<>(raw.size());
      for (TraceLine t : raw) {
        // values within the limit as printed can exceed it once scaled (1e9 GB/s)
        if (TraceParser.plausible(t.sent() * mode.factor())
            && TraceParser.plausible(t.received() * mode.factor())) {
          block.add(t);
        } else {
          if (absurd++ == 0) {
            absurdLine =
                BlockAssembler.quote(t.name() + "/" + t.pid() + "/" + t.uid())
                    + " (a value no link carries)";
          }
        }
      }
      if (!mode.isRate() && restartCheck.add(block) == Step.RESTART) {
        generation = Generations.next(); // the totals all fell back: nethogs started again
        restarts++;
      }
      long nanos = index * period;
      List<TraceLine> lines = new ArrayList<>(block.size());
      if (mode.isRate()) {
        boolean frozen = Objects.equals(block, previous) && anyNonZero(block);
        for (TraceLine t : block) {
          String k = t.pid() + "/" + t.uid() + "/" + t.name();
          double[] sum = integrated.computeIfAbsent(k, x -> new double[2]);
          if (!frozen) {
            sum[0] = Math.min(TraceParser.MAX_BYTES * 1e3, sum[0] + t.sent() * scale());
            sum[1] = Math.min(TraceParser.MAX_BYTES * 1e3, sum[1] + t.received() * scale());
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
      sink.accept(new Refresh(nanos, generation, lines));
    }

    private double scale() {
      return mode.factor() * delaySeconds;
    }
  }

  private static boolean anyNonZero(List<TraceLine> block) {
    for (TraceLine t : block) {
      if (t.sent() != 0 || t.received() != 0) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------ detection

  /** How a block relates to the one before it. */
  enum Step {
    /** nothing fell, no line disappeared (or nothing to compare) */
    STEADY,
    /** every non-zero value fell, or lines disappeared, and nothing rose: a restart or a fade */
    RESTART,
    /** some values fell or lines disappeared while others rose or stayed: only rates do that */
    RATE
  }

  /** Units in the order detection tries them (bytes per printed unit, smallest first). */
  private static final ViewMode[] BY_UNIT = {
    ViewMode.BYTES_TOTAL,
    ViewMode.KB_TOTAL,
    ViewMode.KB_RATE,
    ViewMode.MB_TOTAL,
    ViewMode.MB_RATE,
    ViewMode.GB_RATE
  };

  /** Values that must fit a unit before it counts as evidence of a total mode. */
  private static final int DECISIVE = 3;

  /** The evidence of one nethogs run. */
  static final class Evidence {
    final boolean[] fits = new boolean[BY_UNIT.length];
    final long[] checked = new long[BY_UNIT.length];
    long rateSteps;
    long restartSteps;
    long blocks;
    long informative;
    private Map<String, double[]> last = Map.of();

    Evidence() {
      reset();
    }

    void reset() {
      java.util.Arrays.fill(fits, true);
      java.util.Arrays.fill(checked, 0);
      rateSteps = 0;
      restartSteps = 0;
      blocks = 0;
      informative = 0;
      last = Map.of();
    }

    Step add(List<TraceLine> block) {
      blocks++;
      if (block.isEmpty()) {
        return Step.STEADY; // an empty block (or a stray header) says nothing
      }
      Map<String, double[]> now = new HashMap<>(block.size() * 2);
      int rises = 0;
      int resets = 0;
      int kept = 0;
      for (TraceLine t : block) {
        fit(t.sent());
        fit(t.received());
        String k = t.pid() + "/" + t.uid() + "/" + t.name();
        now.put(k, new double[] {t.sent(), t.received()});
        double[] p = last.get(k);
        if (p == null) {
          continue;
        }
        if (t.sent() > p[0] || t.received() > p[1]) {
          rises++;
        } else if (p[0] + p[1] > 0) {
          boolean sentFell = p[0] == 0 || t.sent() < p[0];
          boolean receivedFell = p[1] == 0 || t.received() < p[1];
          if (sentFell && receivedFell) {
            resets++;
          } else if (t.sent() < p[0] || t.received() < p[1]) {
            kept++; // one fell, the other stayed: no restart does that
          }
        }
      }
      int dropped = 0;
      for (String k : last.keySet()) {
        if (!now.containsKey(k)) {
          dropped++;
        }
      }
      last = now;
      if (kept > 0 || ((resets > 0 || dropped > 0) && rises > 0)) {
        rateSteps++;
        return Step.RATE;
      }
      if (resets > 0 || dropped > 0) {
        restartSteps++;
        return Step.RESTART;
      }
      return Step.STEADY;
    }

    private void fit(double v) {
      if (v == 0) {
        return;
      }
      informative++;
      // half a unit in the 6th significant digit of v
      double halfUlp6 = 0.5 * Math.pow(10, Math.floor(Math.log10(v)) - 5);
      for (int i = 0; i < BY_UNIT.length; i++) {
        double unit = unit(BY_UNIT[i]);
        double tolerance = halfUlp6 * unit;
        if (tolerance >= 0.25) {
          continue; // the printed digits cannot tell
        }
        checked[i]++;
        double bytes = v * unit;
        if (Math.abs(bytes - Math.rint(bytes)) > tolerance + 1e-6) {
          fits[i] = false;
        }
      }
    }

    /** The smallest unit every value fits, or -1. */
    int pick() {
      for (int i = 0; i < BY_UNIT.length; i++) {
        if (fits[i]) {
          return i;
        }
      }
      return -1;
    }

    /** What this run says: a mode, or null with {@code why[0]} set when it contradicts itself. */
    Boolean rate(String[] why) {
      int p = pick();
      Boolean byUnit = null;
      if (p >= 0 && BY_UNIT[p].isRate() && checked[p] > 0) {
        byUnit = true; // every finer unit was ruled out by a value
      } else if (p >= 0 && !BY_UNIT[p].isRate() && checked[p] >= DECISIVE) {
        byUnit = false;
      }
      if (rateSteps > 0) {
        if (Boolean.FALSE.equals(byUnit)) {
          why[0] =
              "its values are whole "
                  + unitName(BY_UNIT[p])
                  + " as totals are, but some of them fall while others do not, as only rates do";
          return null;
        }
        return true;
      }
      if (byUnit != null) {
        return byUnit;
      }
      if (restartSteps > 0 && informative > 0) {
        why[0] = "its values fall back but do not tell rates from totals";
        return null;
      }
      return null; // no evidence either way
    }
  }

  private static String unitName(ViewMode m) {
    return switch (m) {
      case BYTES_TOTAL -> "bytes";
      case KB_TOTAL -> "1/1024 KB";
      case MB_TOTAL -> "1/1048576 MB";
      default -> "units";
    };
  }

  /** Bytes per printed unit: totals count whole bytes, rates bytes per 5 s (nethogs's PERIOD). */
  private static double unit(ViewMode m) {
    return m.factor() * (m.isRate() ? 5 : 1);
  }

  /**
   * Detects the view mode of a whole trace, run by run, in constant memory (one pass).
   *
   * <p>Returns the mode, or a null mode with the reason when the runs contradict each other or
   * themselves, or {@code blocks == 0} when nothing in the input is nethogs output.
   */
  public static Detection detect(Source source) throws IOException {
    Detector d = new Detector();
    BlockAssembler a = new BlockAssembler(ViewMode.BYTES_TOTAL, d::block, d::newRun);
    pump(source, a);
    d.newRun(); // judge the last run
    return d.result(a.blocks());
  }

  /** Detects the mode of blocks held in memory (tests). */
  static ViewMode detect(List<List<TraceLine>> blocks) {
    Detector d = new Detector();
    blocks.forEach(d::block);
    d.newRun();
    Detection r = d.result(blocks.size());
    return r.mode() != null ? r.mode() : ViewMode.BYTES_TOTAL;
  }

  private static final class Detector {
    private final Evidence run = new Evidence();
    private final boolean[] fits = new boolean[BY_UNIT.length];
    private Boolean rate;
    private int decisivePick = -1;
    private int runNumber;
    private String conflict;

    Detector() {
      java.util.Arrays.fill(fits, true);
    }

    void block(List<TraceLine> block) {
      run.add(block); // a restart inside a run (totals falling back together) is judged with it
    }

    void newRun() {
      if (run.blocks == 0) {
        return;
      }
      runNumber++;
      String[] why = new String[1];
      Boolean r = run.rate(why);
      if (why[0] != null && conflict == null) {
        conflict = "run " + runNumber + " of the file: " + why[0];
      }
      if (r != null) {
        if (rate != null && !rate.equals(r) && conflict == null) {
          conflict =
              "one nethogs run in the file reads as rates and another as totals (two captures"
                  + " with different -v concatenated?)";
        }
        rate = rate == null ? r : rate;
      }
      int p = run.pick();
      if (p >= 0 && run.checked[p] >= DECISIVE && run.informative > 0) {
        if (decisivePick >= 0 && decisivePick != p && conflict == null) {
          conflict =
              "its nethogs runs print in different units (captures with different -v"
                  + " concatenated?)";
        }
        decisivePick = decisivePick < 0 ? p : decisivePick;
      }
      for (int i = 0; i < fits.length; i++) {
        fits[i] &= run.fits[i];
      }
      run.reset();
    }

    Detection result(long blocks) {
      if (blocks == 0) {
        return new Detection(null, "no nethogs output was recognised", 0);
      }
      if (conflict != null) {
        return new Detection(null, conflict, blocks);
      }
      for (int i = 0; i < BY_UNIT.length; i++) {
        if (fits[i] && (rate == null || BY_UNIT[i].isRate() == rate)) {
          return new Detection(BY_UNIT[i], "", blocks);
        }
      }
      if (rate == null) {
        return new Detection(ViewMode.BYTES_TOTAL, "", blocks); // all zeros: any mode reads so
      }
      return new Detection(
          null,
          "its values are "
              + (rate ? "rates" : "totals")
              + " by their changes, but in no unit nethogs prints them in",
          blocks);
    }
  }
}
