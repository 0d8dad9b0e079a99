package dev.hogwatch.capture;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.CaptureStatus.State;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Short one-off nethogs runs for {@code hogwatch doctor}: the version, and whether a capture can be
 * opened ({@code nethogs -t -c 2}: the startup block and one more, about a second).
 */
public final class NethogsProbe {
  private NethogsProbe() {}

  /** Where nethogs is: the configured path, else on PATH, else /usr/sbin; null when missing. */
  public static Path locate(Path configured) {
    return NethogsSupervisor.resolve(configured);
  }

  /** {@code nethogs -V}'s answer, e.g. {@code "0.8.7-2"}, or a description of the failure. */
  public static String version(Path bin) {
    Run r = run(bin, List.of("-V"), Duration.ofSeconds(5));
    String v = r.stdout.strip();
    if (v.startsWith("version ")) {
      v = v.substring("version ".length());
    }
    return r.launchError != null ? "cannot run: " + r.launchError : v.isEmpty() ? "unknown" : v;
  }

  /**
   * Tries a two-block capture. {@link State#RUNNING} when it worked, else the problem with its fix
   * (as the live supervisor would report it).
   */
  public static CaptureStatus tryCapture(Path bin, List<String> devices) {
    List<String> args = new ArrayList<>(List.of("-t", "-v", "2", "-c", "2", "-d", "1"));
    if (devices.contains("lo")) {
      args.add("-a");
    }
    args.addAll(devices);
    Run r = run(bin, args, Duration.ofSeconds(10));
    long blocks = r.stdout.lines().filter(BlockAssembler.HEADER::equals).count();
    if (r.launchError == null && r.exitCode == 0 && blocks > 0) {
      return CaptureStatus.of(State.RUNNING, "nethogs can capture (" + blocks + " blocks)");
    }
    return NethogsSupervisor.classify(
        new NethogsSupervisor.Outcome(r.exitCode, r.launchError, r.stderr, blocks),
        bin.toString(),
        devices);
  }

  private record Run(int exitCode, String launchError, String stdout, String stderr) {}

  private static Run run(Path bin, List<String> args, Duration timeout) {
    CommandLine cmd = new CommandLine(bin.toString());
    for (String a : args) {
      cmd.addArgument(a, false);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StderrTail err = new StderrTail(4096);
    DefaultExecutor ex =
        DefaultExecutor.builder()
            .setExecuteStreamHandler(new PumpStreamHandler(out, err))
            .setThreadFactory(r -> Threads.daemon("hogwatch-nethogs-probe", r))
            .get();
    ex.setExitValues(null);
    ex.setWatchdog(ExecuteWatchdog.builder().setTimeout(timeout).get());
    try {
      int code = ex.execute(cmd);
      return new Run(code, null, out.toString(StandardCharsets.UTF_8), err.text());
    } catch (IOException e) {
      return new Run(-1, NethogsSupervisor.launchProblem(e), "", err.text());
    }
  }
}
