package dev.hogwatch.capture;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Hub;
import dev.hogwatch.model.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the supervisor tests share: a hub that keeps every snapshot it publishes, and hand-written
 * "nethogs" scripts in the test's folder.
 */
abstract class FakeNethogsTest {
  @TempDir Path dir;
  Hub hub;
  final List<Snapshot> seen = new CopyOnWriteArrayList<>();
  private final boolean counting;
  private final Duration timeout;

  /**
   * @param counting each run of a script first adds one to {@code dir/runs} and appends its
   *     arguments to {@code dir/args}, so the test can tell the instances apart
   * @param timeout how long {@link #await} waits
   */
  FakeNethogsTest(boolean counting, Duration timeout) {
    this.counting = counting;
    this.timeout = timeout;
  }

  @BeforeEach
  void startHub() {
    hub =
        new Hub(
                new Accounting(Long.MAX_VALUE, 1000, pid -> true, uid -> "root"),
                CaptureStatus.of(CaptureStatus.State.STARTING, ""))
            .start();
    hub.addListener(seen::add);
  }

  @AfterEach
  void closeHub() {
    hub.close();
  }

  /** Writes {@code dir/nethogs}, a bash script running {@code body}. */
  Path script(String body) throws IOException {
    Path p = dir.resolve("nethogs");
    String count =
        counting
            ? "n=$(cat '"
                + dir
                + "/runs' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '"
                + dir
                + "/runs'\n"
                + "echo \"$@\" >> '"
                + dir
                + "/args'\n"
            : "";
    Files.writeString(p, "#!/bin/bash\n" + count + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** The first snapshot that meets {@code condition}, waiting up to the timeout for it. */
  Snapshot await(Predicate<Snapshot> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Snapshot s : seen) {
        if (condition.test(s)) {
          return s;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for: " + what + "; last: " + hub.latest());
  }
}
