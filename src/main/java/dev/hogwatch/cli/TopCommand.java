package dev.hogwatch.cli;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.CaptureStatus.State;
import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch top}: live per-process totals without a GUI. On a terminal the table refreshes in
 * place; otherwise a table is printed every interval. With {@code --json}, one JSON document is
 * printed at the end (after {@code --duration}, or on Ctrl-C).
 *
 * <p>Example: {@code hogwatch top --duration 30s --json > usage.json}.
 */
@Command(
    name = "top",
    mixinStandardHelpOptions = true,
    description =
        "Live network totals per process, application or user, as a table or (at the end) JSON.")
public final class TopCommand implements Callable<Integer> {

  /** How long to wait for nethogs's first block before giving up. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      paramLabel = "D",
      converter = Durations.class,
      description = "stop after this long (10s, 5m, 1h); default: until Ctrl-C")
  Duration duration;

  @Option(
      names = "--interval",
      paramLabel = "S",
      converter = Durations.class,
      description = "seconds between table updates (default: ${DEFAULT-VALUE})",
      defaultValue = "1")
  Duration interval;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "show at most N processes (default: all); totals still cover all")
  int limit;

  @Option(names = "--json", description = "print one JSON document at the end")
  boolean json;

  @Option(
      names = "--by",
      paramLabel = "WHAT",
      converter = Report.ByConverter.class,
      description =
          "rows per app (application, container, service), process or user"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = "process")
  Report.By by;

  @ParentCommand Backend.Provider root;

  TopCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (limit < 0) {
      err.println("hogwatch top: --limit must be 0 or more");
      return Commands.EXIT_USAGE;
    }
    Backend.Session session = root.backend().start();
    AtomicBoolean finished = new AtomicBoolean();
    Thread onCtrlC =
        new Thread(
            () -> {
              if (finished.compareAndSet(false, true) && json) {
                out.println(Report.of(session.hub().latest(), by).json());
                out.flush();
              }
            },
            "hogwatch-top-interrupted");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      CaptureStatus problem = awaitStart(session);
      if (problem != null) {
        finished.set(true);
        err.println("hogwatch: " + problem.message());
        if (!problem.fix().isEmpty()) {
          err.println("Fix: " + problem.fix());
        }
        err.flush();
        return Commands.EXIT_CAPTURE;
      }
      run(session, out);
      session.hub().flush();
      if (finished.compareAndSet(false, true)) {
        Snapshot last = session.hub().latest();
        if (json) {
          out.println(Report.of(last, by).json());
        } else if (!stdoutIsTerminal()) {
          out.print(Report.of(last, by).table(limit, charset()));
        }
        out.flush();
      }
      return 0;
    } finally {
      session.controls().shutdown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException e) {
        // shutting down: the hook prints the report
      }
    }
  }

  /** Waits for the first block; returns the problem if capture is impossible. */
  private static CaptureStatus awaitStart(Backend.Session session) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    CaptureStatus last = session.hub().latest().capture();
    while (System.nanoTime() < deadline) {
      last = session.hub().latest().capture();
      State s = last.state();
      if (s.perProcess()) {
        return null;
      }
      if (s == State.NOT_INSTALLED || s == State.NO_PERMISSION || s == State.NO_DEVICE) {
        return last;
      }
      Thread.sleep(50);
    }
    return new CaptureStatus(
        last.state(),
        "nethogs printed no data within "
            + START_TIMEOUT.toSeconds()
            + " s ("
            + last.message()
            + ")",
        "hogwatch doctor");
  }

  private void run(Backend.Session session, PrintWriter out) throws InterruptedException {
    boolean terminal = stdoutIsTerminal();
    long start = System.nanoTime();
    long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
    long step = Math.max(100_000_000L, interval.toNanos());
    DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss");
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        return;
      }
      Thread.sleep(Math.max(1, Math.min(step, end - now) / 1_000_000L));
      if (json || System.nanoTime() >= end) {
        continue;
      }
      Snapshot s = session.hub().latest();
      String table = Report.of(s, by).table(limit, charset());
      String status = s.capture().state().perProcess() ? "" : "  [" + s.capture().message() + "]";
      if (terminal) {
        out.print("\033[H\033[2J"); // home + clear: refresh in place
        out.println("hogwatch top  " + LocalTime.now(ZoneId.systemDefault()).format(hms) + status);
        out.print(table);
      } else {
        out.println("# " + LocalTime.now(ZoneId.systemDefault()).format(hms) + status);
        out.print(table);
        out.println();
      }
      out.flush();
    }
  }

  /** Whether our stdout is a terminal (Linux: fd 1 links to a tty device). */
  static boolean stdoutIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static Charset charset() {
    String enc = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
    try {
      return enc == null ? Charset.defaultCharset() : Charset.forName(enc);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
