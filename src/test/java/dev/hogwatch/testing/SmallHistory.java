package dev.hogwatch.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * A history file with one recorded second (10 bytes sent, 20 received by one program, a minute
 * ago), a digest of a data directory, and the check that a terminal shows no exception text: what
 * the tests of reading commands (report leaves the file as it was) share.
 */
public final class SmallHistory {
  private SmallHistory() {}

  /** Records one second of {@code program} (pid {@code pid}) into a new history in {@code dir}. */
  public static Path write(Path dir, String program, int pid) throws InterruptedException {
    Instant now = Instant.now();
    Accounting acc = new Accounting(Long.MAX_VALUE, 100, p -> true, uid -> "root");
    History.Options o =
        History.Options.defaults(dir)
            .withClock(Clock.fixed(now, ZoneOffset.UTC))
            .withFlushEvery(Duration.ofHours(1));
    try (History h = History.start(o)) {
      acc.apply(new Refresh(1_000_000_000L, 1, List.of(new TraceLine(program, pid, 0, 10, 20))));
      h.accept(
          acc.snapshot(
              now.minusSeconds(60),
              1_000_000_000L,
              CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
              0));
      h.flush();
    }
    return dir;
  }

  /** SHA-256 over the names, contents and permissions of the files in {@code dir}. */
  public static byte[] digest(Path dir) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(p));
        md.update(Files.getPosixFilePermissions(p).toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return md.digest();
  }

  /** No exception text, class name or stack trace on the terminal. */
  public static void assertClean(String text) {
    for (String bad :
        List.of("Exception", "Error:", "\tat ", "java.", "dev.hogwatch.", "overflow", "NaN")) {
      assertFalse(text.contains(bad), "terminal shows '" + bad + "': " + text);
    }
  }
}
