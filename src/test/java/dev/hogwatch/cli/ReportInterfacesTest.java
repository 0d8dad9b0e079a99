package dev.hogwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceSample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code report --by day|month} without capture permission: the days come from the interface totals
 * recorded from /proc/net/dev, all devices summed or one with {@code --interface}.
 */
class ReportInterfacesTest {
  static final Instant NOW = ReportCommandTest.NOW;

  @TempDir Path dir;

  private ReportCommandTest.Result run(String... args) {
    CommandLine cl = new CommandLine(new ReportCommandTest.Root());
    cl.addSubcommand(new ReportCommand(Clock.fixed(NOW, ReportCommandTest.ZONE)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new ReportCommandTest.Result(code, out.toString(), err.toString());
  }

  /** Capture refused all along; eth0 and wlan0 move bytes yesterday and today. */
  @BeforeEach
  void record() throws Exception {
    Accounting acc = new Accounting(Long.MAX_VALUE, 100, p -> true, uid -> "u");
    CaptureStatus refused = CaptureStatus.of(CaptureStatus.State.NO_PERMISSION, "refused");
    Instant[] times = {
      NOW.minus(Duration.ofDays(1)).minusSeconds(1), // baseline
      NOW.minus(Duration.ofDays(1)),
      NOW.minus(Duration.ofMinutes(1))
    };
    long[][] counters = {{100, 10, 50, 5}, {2100, 1010, 550, 5}, {5100, 1510, 600, 5}};
    try (History h =
        History.start(
            History.Options.defaults(dir)
                .withClock(Clock.fixed(NOW, ReportCommandTest.ZONE))
                .withFlushEvery(Duration.ofHours(1)))) {
      for (int i = 0; i < times.length; i++) {
        long[] c = counters[i];
        acc.apply(
            new InterfaceSample(
                (i + 1) * 1_000_000_000L,
                List.of(
                    new InterfaceSample.Counter("eth0", c[0], c[1]),
                    new InterfaceSample.Counter("wlan0", c[2], c[3]))));
        h.accept(acc.snapshot(times[i], (i + 1) * 1_000_000_000L, refused, 0));
        h.flush();
      }
    }
  }

  @Test
  void daysAndMonthsComeFromTheInterfaces() {
    ReportCommandTest.Result days =
        run("report", "--data-dir", dir.toString(), "--by", "day", "--format", "csv");
    assertEquals(0, days.code(), days.err());
    assertEquals(
        "date,sent_bytes,received_bytes\n2026-11-24,1000,2500\n2026-11-25,500,3050\n", days.out());
    ReportCommandTest.Result eth0 =
        run(
            "report",
            "--data-dir",
            dir.toString(),
            "--by",
            "month",
            "--interface",
            "eth0",
            "--format",
            "csv");
    assertEquals("month,sent_bytes,received_bytes\n2026-11,1500,5000\n", eth0.out());
    ReportCommandTest.Result table =
        run("report", "--data-dir", dir.toString(), "--by", "day", "--interface", "wlan0");
    assertTrue(table.out().startsWith("Traffic from 2026-11-24 00:00"), table.out());
    assertTrue(table.out().lines().findFirst().orElse("").endsWith(", wlan0"), table.out());
  }

  @Test
  void anUnknownDeviceIsNamedWithTheOnesThatHaveHistory() {
    ReportCommandTest.Result r =
        run("report", "--data-dir", dir.toString(), "--by", "day", "--interface", "eth9");
    assertEquals(2, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "--interface: no traffic recorded for eth9; devices with history: eth0, wlan0"),
        r.err());
  }

  @Test
  void interfaceGoesWithDaysOrMonthsOnly() {
    ReportCommandTest.Result r = run("report", "--data-dir", dir.toString(), "--interface", "eth0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--interface goes with --by day or --by month"), r.err());
  }
}
