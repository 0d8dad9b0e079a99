package dev.hogwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code hogwatch top --json} (the shaded jar failsafe names in {@code hogwatch.jar}) run
 * inside namespace A of a {@link NetnsLab}, monitoring only the lab's veth.
 *
 * <pre>{@code
 * HogwatchTop top = HogwatchTop.start(lab, "20s", tmp);
 * top.awaitNethogs();
 * ... traffic ...
 * JsonNode doc = top.finish();
 * }</pre>
 */
public final class HogwatchTop {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path out;
  private final Path err;

  private HogwatchTop(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Why it cannot run here, or empty. */
  public static Optional<String> unavailable() {
    if (System.getProperty("hogwatch.jar") == null) {
      return Optional.of("run by failsafe (needs the shaded jar)");
    }
    if (!NetnsLab.onPath("nethogs") && !Files.exists(Path.of("/usr/sbin/nethogs"))) {
      return Optional.of("needs nethogs (apt install nethogs)");
    }
    return NetnsLab.unavailable();
  }

  /**
   * Starts {@code top --json --duration D --devices vethA --data-dir dir/data} in namespace A;
   * output and history under dir (never in the HOME the tests run with).
   */
  public static HogwatchTop start(NetnsLab lab, String duration, Path dir, String... extra)
      throws IOException {
    Path out = dir.resolve("top.json");
    Path err = dir.resolve("top.err");
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("hogwatch.jar"),
                "top",
                "--json",
                "--duration",
                duration,
                "--devices",
                lab.vethA(),
                "--data-dir",
                dir.resolve("data").toString()));
    cmd.addAll(java.util.List.of(extra));
    Process p =
        new ProcessBuilder(NetnsLab.inNs(lab.nsA(), cmd.toArray(String[]::new)))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new HogwatchTop(p, out, err);
  }

  /** Waits until hogwatch runs nethogs, and gives it time to open its capture. */
  public ProcessHandle awaitNethogs() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> nh =
          process
              .descendants()
              .filter(h -> h.info().command().orElse("").endsWith("/nethogs"))
              .filter(ProcessHandle::isAlive)
              .findFirst();
      if (nh.isPresent()) {
        Thread.sleep(2500); // the first block is printed at once; leave it time to settle
        return nh.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("hogwatch did not start nethogs within 20 s");
  }

  /** Waits for the end of {@code --duration}; checks a clean exit; returns the JSON document. */
  public JsonNode finish() throws IOException, InterruptedException {
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "top --duration did not end");
    String text = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "top failed: " + text);
    assertTrue(!text.contains("Exception"), "no stack trace on stderr: " + text);
    return JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
  }

  /** Kills it (and nethogs) if still running. */
  public void destroy() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }
}
