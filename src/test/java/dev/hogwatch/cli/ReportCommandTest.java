package dev.hogwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code report} on a real history file, through a root command with the global --data-dir. */
class ReportCommandTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  // 2026-11-25 15:00 local
  static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

  @TempDir Path dir;

  @Command(name = "hogwatch")
  static final class Root {
    @Option(names = "--data-dir", scope = ScopeType.INHERIT)
    Path dataDir;
  }

  record Result(int code, String out, String err) {}

  private Result run(String... args) {
    CommandLine cl = new CommandLine(new Root());
    cl.addSubcommand(new ReportCommand(Clock.fixed(NOW, ZONE)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Three days ago 10:00 local: iperf3 (root) 1000/2000; yesterday: curl (uid 1000) 5/7 and iperf3
   * 100/0; 30 minutes ago: iperf3 1/1.
   */
  @BeforeEach
  void record() throws Exception {
    Accounting acc =
        new Accounting(Long.MAX_VALUE, 100, p -> true, uid -> uid == 0 ? "root" : "ann");
    History.Options o =
        History.Options.defaults(dir)
            .withClock(Clock.fixed(NOW, ZONE))
            .withFlushEvery(Duration.ofHours(1));
    try (History h = History.start(o)) {
      long[][] steps = {{1000, 2000, 0, 0}, {1100, 2000, 5, 7}, {1101, 2001, 5, 7}};
      Instant[] times = {
        Instant.parse("2026-11-22T09:00:00Z"),
        Instant.parse("2026-11-24T09:00:00Z"),
        NOW.minus(Duration.ofMinutes(30))
      };
      for (int i = 0; i < 3; i++) {
        acc.apply(
            new Refresh(
                (i + 1) * 1_000_000_000L,
                1,
                List.of(
                    new TraceLine("iperf3", 42, 0, steps[i][0], steps[i][1]),
                    new TraceLine("/usr/bin/curl", 43, 1000, steps[i][2], steps[i][3]))));
        h.accept(
            acc.snapshot(
                times[i],
                (i + 1) * 1_000_000_000L,
                CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
                0));
        h.flush();
      }
    }
  }

  @Test
  void jsonByProgramIsTheContract() throws Exception {
    Result r = run("report", "--data-dir", dir.toString(), "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "{\"programs\":[{\"name\":\"iperf3\",\"user\":\"root\",\"sentBytes\":1101,\"receivedBytes\":2001},"
            + "{\"name\":\"/usr/bin/curl\",\"user\":\"ann\",\"sentBytes\":5,\"receivedBytes\":7}],"
            + "\"totals\":{\"sentBytes\":1106,\"receivedBytes\":2008}}",
        r.out().strip());
  }

  @Test
  void byApplicationAndByUserInJsonTextAndCsv() throws Exception {
    Result apps = run("report", "--data-dir", dir.toString(), "--by", "app", "--format", "json");
    assertEquals(0, apps.code(), apps.err());
    assertEquals(
        "{\"apps\":[{\"kind\":\"exe\",\"id\":\"iperf3\",\"name\":\"iperf3\",\"user\":\"root\","
            + "\"sentBytes\":1101,\"receivedBytes\":2001},"
            + "{\"kind\":\"exe\",\"id\":\"curl\",\"name\":\"curl\",\"user\":\"ann\","
            + "\"sentBytes\":5,\"receivedBytes\":7}],"
            + "\"totals\":{\"sentBytes\":1106,\"receivedBytes\":2008}}",
        apps.out().strip());
    Result users = run("report", "--data-dir", dir.toString(), "--by", "user", "--format", "json");
    assertEquals(
        "{\"users\":[{\"user\":\"root\",\"uid\":0,\"sentBytes\":1101,\"receivedBytes\":2001},"
            + "{\"user\":\"ann\",\"uid\":1000,\"sentBytes\":5,\"receivedBytes\":7}],"
            + "\"totals\":{\"sentBytes\":1106,\"receivedBytes\":2008}}",
        users.out().strip());
    String text = run("report", "--data-dir", dir.toString(), "--by", "app").out();
    assertTrue(text.contains("APPLICATION  KIND  USER"), text);
    assertTrue(
        text.lines().anyMatch(l -> l.matches("iperf3 +exe +root +1\\.10 kB +2\\.00 kB +3\\.10 kB")),
        text);
    String csv =
        run("report", "--data-dir", dir.toString(), "--by", "user", "--format", "csv").out();
    assertEquals(
        List.of("user,uid,sent_bytes,received_bytes", "root,0,1101,2001", "ann,1000,5,7"),
        csv.lines().toList());
    // the days still work as before
    assertEquals(0, run("report", "--data-dir", dir.toString(), "--by", "month").code());
  }

  @Test
  void sinceLimitsTheRange() throws Exception {
    JsonNode j =
        new ObjectMapper()
            .readTree(
                run("--data-dir", dir.toString(), "report", "--since", "2d", "--format", "json")
                    .out());
    assertEquals(106, j.at("/totals/sentBytes").asLong());
    assertEquals(
        1,
        new ObjectMapper()
            .readTree(
                run("--data-dir", dir.toString(), "report", "--since", "1h", "--format", "json")
                    .out())
            .at("/totals/sentBytes")
            .asLong());
    JsonNode day =
        new ObjectMapper()
            .readTree(
                run(
                        "report",
                        "--data-dir",
                        dir.toString(),
                        "--since",
                        "2026-11-24",
                        "--until",
                        "2026-11-24",
                        "--format",
                        "json")
                    .out());
    assertEquals(105, day.at("/totals/sentBytes").asLong());
    assertEquals("iperf3", day.at("/programs/0/name").asText());
  }

  @Test
  void timesOfDayAndIsoSecondsSelectOneSecond() throws Exception {
    // iperf3's last 1/1 was recorded at 14:30:00 local (13:30:00Z)
    Result r =
        run("report", "--data-dir", dir.toString(), "--since", "14:30:00", "--until", "14:30:01");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n", -1);
    assertEquals(
        "Traffic from 2026-11-25 14:30:00 to 2026-11-25 14:30:01 (Europe/Berlin)", lines[0]);
    assertEquals("iperf3   root   1 B       1 B    2 B", lines[2]);
    String iso =
        run(
                "report",
                "--data-dir",
                dir.toString(),
                "--since",
                "2026-11-25T13:30:00Z",
                "--until",
                "2026-11-25T14:30:01+01:00",
                "--format",
                "json")
            .out()
            .strip();
    assertEquals(
        "{\"programs\":[{\"name\":\"iperf3\",\"user\":\"root\",\"sentBytes\":1,"
            + "\"receivedBytes\":1}],\"totals\":{\"sentBytes\":1,\"receivedBytes\":1}}",
        iso);
    Result before =
        run("report", "--data-dir", dir.toString(), "--since", "14:29", "--until", "14:29:59");
    assertTrue(before.out().contains("(no traffic recorded in this period)"), before.out());
  }

  @Test
  void byDayAndByMonth() throws Exception {
    Result days = run("report", "--data-dir", dir.toString(), "--by", "day", "--format", "csv");
    assertEquals(
        "date,sent_bytes,received_bytes\n2026-11-22,1000,2000\n2026-11-24,105,7\n2026-11-25,1,1\n",
        days.out());
    Result months =
        run("report", "--data-dir", dir.toString(), "--by", "month", "--format", "json");
    assertEquals(
        "{\"months\":[{\"month\":\"2026-11\",\"sentBytes\":1106,\"receivedBytes\":2008}],"
            + "\"totals\":{\"sentBytes\":1106,\"receivedBytes\":2008}}",
        months.out().strip());
  }

  @Test
  void tableIsAlignedWithUnits() {
    Result r = run("report", "--data-dir", dir.toString());
    assertEquals(0, r.code());
    String[] lines = r.out().split("\n", -1);
    assertEquals("Traffic from 2026-11-22 00:00 to 2026-11-25 15:00 (Europe/Berlin)", lines[0]);
    assertTrue(lines[1].startsWith("PROGRAM        USER"), lines[1]);
    assertTrue(lines[2].startsWith("iperf3         root  1.10 kB"), lines[2]);
    assertTrue(lines[4].startsWith("total"), lines[4]);
  }

  @Test
  void badInputIsAClearUsageError() {
    Result r = run("report", "--data-dir", dir.toString(), "--since", "last tuesday");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--since: expected an age like 24h"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
    Result by = run("report", "--data-dir", dir.toString(), "--by", "week");
    assertEquals(2, by.code());
  }

  @Test
  void noHistoryYetIsAnEmptyReport() {
    Result r = run("report", "--data-dir", dir.resolve("none").toString(), "--format", "json");
    assertEquals(0, r.code());
    assertEquals(
        "{\"programs\":[],\"totals\":{\"sentBytes\":0,\"receivedBytes\":0}}", r.out().strip());
    assertTrue(r.err().contains("No history recorded yet"));
    assertTrue(!Files.exists(dir.resolve("none")), "a report creates nothing");
  }

  @Test
  void anUnreadableFileIsReportedWithoutAStackTrace() throws Exception {
    Path other = dir.resolve("broken");
    Files.createDirectories(other);
    Files.writeString(other.resolve("history.db"), "not a database".repeat(100));
    Result r = run("report", "--data-dir", other.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("hogwatch report: cannot read the history file"), r.err());
    assertTrue(!r.err().contains("\tat "), r.err());
  }
}
