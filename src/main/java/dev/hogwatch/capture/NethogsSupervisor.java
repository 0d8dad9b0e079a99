package dev.hogwatch.capture;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.CaptureStatus.State;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Refresh;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs exactly one {@code nethogs -t -v 2 -C -d 1 [devices]} at a time, feeds its blocks to the
 * {@link Hub} as they stream, and keeps it running.
 *
 * <ul>
 *   <li>Every instance is a new generation: the model carries totals across restarts, with no reset
 *       and no double count.
 *   <li>Scheduled restart ({@link Settings#restartEvery}, or after {@link
 *       Settings#restartAfterLines} lines) bounds nethogs's memory: in {@code -v 2} it never drops
 *       a line.
 *   <li>Unexpected exits are restarted with backoff (1 s doubling to 30 s) and reported as {@link
 *       State#RESTARTING} with the exit code and the tail of stderr. Missing binary, missing
 *       capabilities and missing devices are reported as {@link State#NOT_INSTALLED}, {@link
 *       State#NO_PERMISSION} and {@link State#NO_DEVICE} with the command that fixes them, and
 *       retried every {@link Settings#maxBackoff} (or at once on {@link #restart()}).
 * </ul>
 *
 * <p>Threads: "hogwatch-nethogs" supervises; Commons Exec's pumps ("hogwatch-nethogs-stdout",
 * "-stderr") read; "hogwatch-nethogs-timer" triggers scheduled restarts.
 */
public final class NethogsSupervisor implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NethogsSupervisor.class.getName());

  /**
   * The fix for a missing nethogs, for this distribution (from {@code /etc/os-release}): {@code
   * sudo apt install nethogs}, {@code sudo dnf install nethogs}, ...; the one install command the
   * tray, the window and {@code doctor} show.
   */
  public static final String INSTALL_FIX = installCommand(Path.of("/etc/os-release"));

  /** The install command for nethogs on the distribution {@code osRelease} describes. */
  static String installCommand(Path osRelease) {
    String os = "";
    try {
      os = java.nio.file.Files.readString(osRelease).toLowerCase(java.util.Locale.ROOT);
    } catch (java.io.IOException | RuntimeException e) {
      // unknown distribution: fall through to the Debian command
    }
    if (os.contains("fedora") || os.contains("rhel") || os.contains("centos")) {
      return "sudo dnf install nethogs";
    }
    if (os.contains("arch")) {
      return "sudo pacman -S nethogs";
    }
    if (os.contains("suse")) {
      return "sudo zypper install nethogs";
    }
    return "sudo apt install nethogs";
  }

  /** Longest stdout line kept; longer ones are counted as garbage and skipped. */
  static final int MAX_LINE = 64 * 1024;

  /**
   * Unreadable lines (or startup lines without a first block) one instance may print before it is
   * stopped as "output not understood" and restarted with the back-off. A real nethogs prints a
   * handful of startup lines and no garbage at all.
   */
  static final long MAX_UNREADABLE = 1000;

  /**
   * Tuning of supervision.
   *
   * @param restartEvery planned restart interval (bounds nethogs's memory)
   * @param restartAfterLines planned restart once an instance printed this many lines
   * @param minBackoff first wait after a crash
   * @param maxBackoff longest wait; also the retry interval for permission and device problems
   */
  public record Settings(
      Duration restartEvery, long restartAfterLines, Duration minBackoff, Duration maxBackoff) {
    /** Hourly or after 2 million lines; backoff 1 s doubling to 30 s. */
    public static Settings defaults() {
      return new Settings(
          Duration.ofHours(1), 2_000_000, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
  }

  private final Path configured;
  private final Hub hub;
  private final Settings settings;
  private final Thread thread;
  private final ScheduledExecutorService timer = Threads.scheduler("hogwatch-nethogs-timer");
  private final Object lock = new Object();

  // guarded by lock
  private List<String> devices;
  private boolean wake;
  private boolean closed;
  private Process process;
  private boolean planned;
  private boolean stopOnStart;
  private long restarts;
  private String resolvedPath;

  private NethogsSupervisor(Path configured, List<String> devices, Hub hub, Settings settings) {
    this.configured = configured;
    this.devices = List.copyOf(devices);
    this.hub = hub;
    this.settings = settings;
    this.thread = Threads.daemon("hogwatch-nethogs", this::supervise);
    Path p = resolve(configured);
    this.resolvedPath = p == null ? describe(configured) : p.toString();
  }

  /**
   * Starts supervising.
   *
   * @param nethogs the binary, or {@code null} for nethogs on PATH, then /usr/sbin/nethogs
   * @param devices devices to monitor; empty means nethogs's default (all up, except loopback)
   */
  public static NethogsSupervisor start(
      Path nethogs, List<String> devices, Hub hub, Settings settings) {
    NethogsSupervisor s = new NethogsSupervisor(nethogs, devices, hub, settings);
    hub.submit(CaptureStatus.of(State.STARTING, "Starting nethogs"), 0);
    s.thread.start();
    return s;
  }

  /** Where nethogs is (or would be looked for); for the setcap line. */
  public String nethogsPath() {
    synchronized (lock) {
      return resolvedPath;
    }
  }

  /** The running nethogs's pid, if one runs. */
  public OptionalLong pid() {
    synchronized (lock) {
      return process != null && process.isAlive()
          ? OptionalLong.of(process.pid())
          : OptionalLong.empty();
    }
  }

  /** Devices in use; empty means nethogs's default. */
  public List<String> devices() {
    synchronized (lock) {
      return devices;
    }
  }

  /** Restarts nethogs with these devices (a planned restart: totals carry over). */
  public void setDevices(List<String> newDevices) {
    synchronized (lock) {
      devices = List.copyOf(newDevices);
    }
    restart();
  }

  /** Restarts nethogs now, or retries at once if it is waiting after a failure. */
  public void restart() {
    synchronized (lock) {
      wake = true;
      stopCurrent(true);
      lock.notifyAll();
    }
  }

  private void stopCurrent(boolean isPlanned) {
    if (process != null && process.isAlive()) {
      planned = isPlanned;
      process.destroy();
    } else if (process == null && !isPlanned) {
      stopOnStart = true; // Commons Exec hands us the process after its pumps started
    }
  }

  /** Finds the binary: the configured path, else nethogs on PATH, else /usr/sbin/nethogs. */
  static Path resolve(Path configured) {
    if (configured != null) {
      return Files.isRegularFile(configured) ? configured.toAbsolutePath() : null;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":", -1)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Path.of(dir, "nethogs");
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p.toAbsolutePath();
        }
      }
    }
    Path sbin = Path.of("/usr/sbin/nethogs");
    return Files.isRegularFile(sbin) ? sbin : null;
  }

  private static String describe(Path configured) {
    return configured == null ? "/usr/sbin/nethogs" : configured.toAbsolutePath().toString();
  }

  /**
   * The setcap command that lets an ordinary user run {@code nethogs}, when that binary is
   * controlled by root alone; otherwise why not, and the system nethogs ({@link NethogsTrust}).
   */
  public static String setcapFix(String nethogs) {
    return NethogsTrust.setcapFix(nethogs);
  }

  /** The nethogs arguments for these devices. */
  static List<String> arguments(List<String> devices) {
    List<String> args = new ArrayList<>(List.of("-t", "-v", "2", "-C", "-d", "1"));
    if (devices.contains("lo")) {
      args.add("-a"); // nethogs refuses lo without it
    }
    for (String d : devices) {
      if (!d.isEmpty() && d.charAt(0) != '-' && d.indexOf('\0') < 0) {
        args.add(d); // never an option: "--devices=-c" must not reach nethogs as -c
      }
    }
    return args;
  }

  private void supervise() {
    long backoff = settings.minBackoff().toMillis();
    while (true) {
      Path bin;
      List<String> devs;
      synchronized (lock) {
        if (closed) {
          return;
        }
        wake = false;
        devs = devices;
        bin = resolve(configured);
        resolvedPath = bin == null ? describe(configured) : bin.toString();
      }
      if (bin == null) {
        report(
            new CaptureStatus(
                State.NOT_INSTALLED,
                configured == null
                    ? "nethogs is not installed (not on PATH, not in /usr/sbin)"
                    : "nethogs not found at " + describe(configured),
                INSTALL_FIX));
        pause(settings.maxBackoff().toMillis());
        continue;
      }
      long started = System.nanoTime();
      Outcome o = runOnce(bin, devs);
      boolean wasPlanned;
      synchronized (lock) {
        if (closed) {
          return;
        }
        wasPlanned = planned;
        planned = false;
        restarts++;
      }
      if (wasPlanned) {
        backoff = settings.minBackoff().toMillis();
        continue;
      }
      CaptureStatus st = classify(o, bin.toString(), devs);
      if (st.state() == State.RESTARTING) {
        if (System.nanoTime() - started > settings.maxBackoff().toNanos()) {
          backoff = settings.minBackoff().toMillis(); // it ran fine for a while
        }
        st =
            new CaptureStatus(
                State.RESTARTING,
                st.message() + String.format(Locale.ROOT, "; restarting in %.1f s", backoff / 1e3),
                "");
        report(st);
        LOG.warning(st.message());
        pause(backoff);
        backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
      } else {
        report(st);
        LOG.warning(st.message());
        pause(settings.maxBackoff().toMillis());
      }
    }
  }

  private void report(CaptureStatus st) {
    long r;
    synchronized (lock) {
      r = restarts;
    }
    hub.submit(st, r);
  }

  private void pause(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    synchronized (lock) {
      while (!wake && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * How long no line must come before an open block is taken as printed whole. nethogs writes a
   * block in one go right after its header (the recorded chunk timings show a block's reads within
   * a millisecond), and its refreshes are about a second apart.
   */
  static final long BLOCK_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(80);

  /** Closes the open block once no line came for {@code quiet}, on the timer thread. */
  private void scheduleQuietClose(BlockAssembler assembler, boolean[] closing, long delayNanos) {
    try {
      var unused =
          timer.schedule(
              () -> {
                synchronized (assembler) {
                  long left = assembler.closeIfQuiet(BLOCK_QUIET_NANOS);
                  if (left > 0) {
                    scheduleQuietClose(assembler, closing, left);
                  } else {
                    closing[0] = false;
                  }
                }
              },
              delayNanos,
              TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      closing[0] = false; // shutting down: the next header or the end closes the block
    }
  }

  /**
   * How one instance ended.
   *
   * @param unreadable lines it printed that were not understood, when that was why it was stopped;
   *     else 0
   */
  record Outcome(int exitCode, String launchError, String stderr, long blocks, long unreadable) {
    Outcome(int exitCode, String launchError, String stderr, long blocks) {
      this(exitCode, launchError, stderr, blocks, 0);
    }
  }

  private Outcome runOnce(Path bin, List<String> devs) {
    synchronized (lock) {
      stopOnStart = false;
    }
    long generation = Generations.next();
    StderrTail stderr = new StderrTail(4096);
    boolean[] running = {false};
    // a block is handed on once nethogs has printed it (a short quiet gap after its lines), not
    // a whole refresh later when the next header comes, timed by when its header arrived
    BlockAssembler assembler =
        new BlockAssembler(
            ViewMode.BYTES_TOTAL,
            (headerNanos, block) -> {
              hub.submit(new Refresh(headerNanos, generation, block));
              if (!running[0]) {
                running[0] = true;
                report(CaptureStatus.of(State.RUNNING, "Capturing with " + bin));
              }
            },
            null, // one live instance: startup-like lines inside it are unreadable
            System::nanoTime);
    boolean[] closing = {false}; // a close is scheduled (guarded by the assembler)
    long maxLines = settings.restartAfterLines();
    long[] notUnderstood = {0};
    LineSplitter stdout =
        new LineSplitter(
            new LineSplitter.Sink() {
              @Override
              public void line(String line) {
                long lines;
                synchronized (assembler) {
                  assembler.line(line);
                  lines = assembler.lines();
                  if (assembler.inBlock() && !closing[0]) {
                    closing[0] = true;
                    scheduleQuietClose(assembler, closing, BLOCK_QUIET_NANOS);
                  }
                }
                if (lines == maxLines) {
                  LOG.info("nethogs printed " + maxLines + " lines: planned restart");
                  synchronized (lock) {
                    stopCurrent(true);
                  }
                }
                checkUnderstood();
              }

              @Override
              public void skipped() {
                synchronized (assembler) {
                  assembler.garbageLine();
                }
                checkUnderstood();
              }

              private void checkUnderstood() {
                long bad;
                synchronized (assembler) {
                  bad = assembler.garbage() + (assembler.sawHeader() ? 0 : assembler.lines());
                }
                if (bad >= MAX_UNREADABLE && notUnderstood[0] == 0) {
                  notUnderstood[0] = bad;
                  LOG.warning(bad + " unreadable lines from " + bin + ": stopping it");
                  synchronized (lock) {
                    stopCurrent(false);
                  }
                }
              }

              @Override
              public void end() {
                synchronized (assembler) {
                  assembler.finish(); // the last block is complete when nethogs exits
                }
              }
            },
            MAX_LINE);
    CommandLine cmd = new CommandLine(bin.toString());
    for (String a : arguments(devs)) {
      cmd.addArgument(a, false);
    }
    DefaultExecutor executor =
        DefaultExecutor.builder()
            .setExecuteStreamHandler(new NamedPumps(stdout, stderr))
            .setThreadFactory(r -> Threads.daemon("hogwatch-nethogs-exec", r))
            .get();
    executor.setExitValues(null); // every exit code is ours to interpret
    executor.setProcessDestroyer(new Recorder());
    ScheduledFuture<?> scheduled =
        timer.schedule(
            () -> {
              LOG.info("scheduled nethogs restart");
              synchronized (lock) {
                stopCurrent(true);
              }
            },
            settings.restartEvery().toMillis(),
            TimeUnit.MILLISECONDS);
    int code;
    String launchError = null;
    try {
      code = executor.execute(cmd);
    } catch (IOException e) {
      code = -1;
      launchError = launchProblem(e);
      LOG.log(Level.FINE, "nethogs did not start", e);
    } finally {
      scheduled.cancel(false);
      stdout.close();
      synchronized (lock) {
        process = null;
      }
    }
    LOG.fine(
        () ->
            String.format(
                Locale.ROOT,
                "nethogs generation %d ended: %d lines, %d blocks, %d garbage",
                generation,
                assembler.lines(),
                assembler.blocks(),
                assembler.garbage()));
    return new Outcome(code, launchError, stderr.text(), assembler.blocks(), notUnderstood[0]);
  }

  /**
   * Why a program could not be started, in words (never Java's "Cannot run program ...: error=13"
   * text): "permission denied", "no such file", or "it is not a program this system can run".
   */
  static String launchProblem(IOException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("error=13")) {
      return "permission denied";
    } else if (m.contains("error=2,") || m.contains("error=2 ") || m.endsWith("error=2")) {
      return "no such file";
    } else if (m.contains("error=8") || m.contains("error=26")) {
      return "it is not a program this system can run";
    }
    return "it could not be started";
  }

  /** Tells a permission or device problem from a crash. */
  static CaptureStatus classify(Outcome o, String bin, List<String> devs) {
    String err = o.stderr() == null ? "" : o.stderr();
    if (o.unreadable() > 0) {
      return CaptureStatus.of(
          State.RESTARTING,
          "nethogs output not understood ("
              + o.unreadable()
              + " unreadable lines from "
              + bin
              + "; is it really nethogs?)");
    }
    if (o.launchError() != null) {
      return new CaptureStatus(
          State.NOT_INSTALLED, "cannot run " + bin + ": " + o.launchError(), INSTALL_FIX);
    }
    if (o.blocks() == 0 && o.exitCode() != 0) {
      if (err.contains("enable capabilities")
          || err.contains("Error opening handler")
          || err.contains("Operation not permitted")
          || err.contains("pcap handlers")) {
        return new CaptureStatus(
            State.NO_PERMISSION,
            "nethogs has no permission to capture (run as root or grant it capabilities)",
            setcapFix(bin));
      }
      if (err.contains("No devices to monitor")) {
        String which = devs.isEmpty() ? "no device is up" : "devices " + String.join(",", devs);
        List<String> found = ProcNetDev.deviceNames();
        return new CaptureStatus(
            State.NO_DEVICE,
            "nethogs found nothing to monitor (" + which + ")",
            found.isEmpty()
                ? "bring a network device up"
                : "choose existing devices, e.g. --devices " + String.join(",", found));
      }
    }
    String tail = lastLine(err);
    return CaptureStatus.of(
        State.RESTARTING,
        "nethogs exited with code " + o.exitCode() + (tail.isEmpty() ? "" : ": " + tail));
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n", -1);
    String last = lines[lines.length - 1].strip();
    return last.length() > 200 ? last.substring(0, 200) + "…" : last;
  }

  /** Learns the nethogs Process from Commons Exec, so we can stop or signal it. */
  private final class Recorder implements ProcessDestroyer {
    @Override
    public boolean add(Process p) {
      synchronized (lock) {
        process = p;
        if (closed || stopOnStart) {
          stopOnStart = false;
          p.destroy();
        }
      }
      return true;
    }

    @Override
    public boolean remove(Process p) {
      return true;
    }

    @Override
    public int size() {
      return 0;
    }
  }

  /** Commons Exec's pumps with our thread names. */
  private static final class NamedPumps extends PumpStreamHandler {
    private final OutputStream out;

    NamedPumps(OutputStream out, OutputStream err) {
      super(out, err);
      this.out = out;
    }

    @Override
    protected Thread createPump(InputStream is, OutputStream os, boolean closeWhenExhausted) {
      Thread t = super.createPump(is, os, closeWhenExhausted);
      t.setName(os == out ? "hogwatch-nethogs-stdout" : "hogwatch-nethogs-stderr");
      return t;
    }
  }

  /** Stops nethogs and supervision; waits briefly for the process to end. */
  @Override
  public void close() {
    Process p;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      p = process;
      if (p != null) {
        p.destroy();
      }
      lock.notifyAll();
    }
    timer.shutdownNow();
    try {
      if (p != null && !p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
