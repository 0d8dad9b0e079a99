package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryStatus;
import dev.hogwatch.history.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The global history options and the engine's recording, with the bundled demo trace. */
class RecordingTest {
  @TempDir Path dir;

  private static Engine.Options options(String... args) {
    CommandLine cl = App.commandLine();
    cl.parseArgs(args);
    return ((App) cl.getCommand()).options();
  }

  @Test
  void theCommandLineRecordsUnlessToldNot() {
    assertTrue(options("top").recording().enabled());
    assertFalse(options("top", "--no-history").recording().enabled());
    assertFalse(options("--demo", "top").recording().enabled(), "demo mixes with nothing real");
    assertTrue(options("--demo", "--data-dir", "/x", "top").recording().enabled());
    assertEquals(
        Duration.ofHours(6),
        options("--history-keep", "second=6h", "top").recording().retention().seconds());
  }

  @Test
  void aBadRetentionIsAUsageError() {
    CommandLine cl = App.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    assertEquals(2, cl.execute("--history-keep", "second=soon", "report"));
    assertTrue(err.toString().contains("bad duration 'soon'"), err.toString());
  }

  @Test
  void theEngineRecordsWhatItCaptures() throws Exception {
    Instant start = Instant.now();
    Engine e =
        Engine.start(
            Engine.Options.defaults()
                .withDemo(true)
                .withDataDir(dir)
                .withRecording(Recording.defaults()));
    long seen;
    try {
      e.history().flush();
      assertEquals(HistoryStatus.State.RECORDING, e.history().status().state());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (e.hub().latest().totals().totalBytes() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(1500);
    } finally {
      e.shutdown(); // closes history after the last snapshot
    }
    seen = e.hub().latest().totals().totalBytes();
    assertTrue(seen > 0, "the demo produced traffic");
    try (History.ReadOnly s = History.openReadOnly(dir, ZoneId.systemDefault()).orElseThrow()) {
      Usage u = s.usage(start.minusSeconds(5), Instant.now().plusSeconds(5));
      assertEquals(seen, u.totalBytes(), "every byte of the run is in history");
    }
  }

  @Test
  void withoutRecordingNothingIsWritten() {
    Engine e = Engine.start(Engine.Options.defaults().withDemo(true).withDataDir(dir));
    try {
      assertEquals(HistoryStatus.State.OFF, e.history().status().state());
    } finally {
      e.shutdown();
    }
    assertFalse(Files.exists(dir.resolve(History.FILE_NAME)));
  }
}
