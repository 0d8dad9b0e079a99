package dev.hogwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.history.History;
import dev.hogwatch.history.LoggedAlert;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hogwatch alerts} and its subcommands through picocli, on files in a temp dir. */
class AlertsCommandTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-10T12:00:00Z"), ZoneId.of("UTC"));

  @TempDir Path tmp;

  /** The global options the real root has (inherited by every subcommand). */
  @CommandLine.Command(name = "hogwatch")
  static final class Root implements Runnable {
    @CommandLine.Option(names = "--data-dir", scope = CommandLine.ScopeType.INHERIT)
    Path dataDir;

    @CommandLine.Option(names = "--devices", split = ",", scope = CommandLine.ScopeType.INHERIT)
    List<String> devices = List.of();

    @Override
    public void run() {}
  }

  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    CommandLine cl = new CommandLine(new Root());
    cl.addSubcommand(new AlertsCommand(() -> tmp.resolve("cfg/alerts.json"), CLOCK));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = tmp.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return new Run(cl.execute(all), out.toString(), err.toString());
  }

  @Test
  void addListRemove() throws Exception {
    Run none = run("alerts");
    assertEquals(0, none.code());
    assertTrue(none.out().startsWith("No alert rules ("), none.out());

    assertEquals(
        "Added rule 1: cap 300 GB per month (from day 15) on eth0, wlan0\n",
        run("alerts", "add", "cap", "300GB", "--reset-day", "15", "--devices", "eth0,wlan0").out());
    assertEquals(
        "Added rule 2: firefox over 1.61 GB within 1h\n",
        run("alerts", "add", "app", "firefox", "1.5GiB", "--within", "1h").out());
    assertEquals(
        "Added rule 3: ssh over 5.00 MB/s for 30s\n",
        run("alerts", "add", "rate", "40Mbit/s", "--for", "30s", "--app", "ssh").out());
    assertEquals(
        "Added rule 4: an application on the network for the first time\n",
        run("alerts", "add", "new-app").out());
    assertEquals(
        "Added rule 5: cap 5.00 MB per day\n",
        run("alerts", "add", "cap", "5MB", "--per", "day").out());

    // an alert already given, as the recorder keeps it in the history file
    try (History h = History.start(History.Options.defaults(tmp.resolve("data")))) {
      var unused =
          h.read(
                  s ->
                      s.logAlert(
                          new LoggedAlert(
                              "5",
                              "",
                              "2026-12-10:100",
                              Instant.parse("2026-12-10T11:00:00Z"),
                              "Data cap reached: 5.10 MB of 5.00 MB",
                              "5.10 MB of 5.00 MB today; at this pace 11.1 MB of 5.00 MB by 10 Dec.")))
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    Run list = run("alerts");
    assertEquals(0, list.code(), list.err());
    assertTrue(
        list.out()
            .contains(
                "    1  cap 300 GB per month (from day 15) on eth0, wlan0  —  0 B of 300 GB (0 %)"
                    + " since 15 Nov; at this pace 0 B of 300 GB by 14 Dec\n"),
        list.out());
    assertTrue(list.out().contains("    4  an application on the network for the first time\n"));
    assertTrue(
        list.out()
            .contains(
                "Latest alerts:\n  2026-12-10 11:00  [5] Data cap reached: 5.10 MB of 5.00 MB:"
                    + " 5.10 MB of 5.00 MB today;"),
        list.out());

    JsonNode doc = new ObjectMapper().readTree(run("alerts", "--json").out());
    assertEquals(5, doc.get("rules").size());
    assertEquals("rate", doc.get("rules").get(2).get("kind").asText());
    assertEquals(5_000_000.0, doc.get("rules").get(2).get("bytesPerSecond").asDouble());
    assertEquals(2, doc.get("caps").size());
    assertEquals(300_000_000_000L, doc.get("caps").get(0).get("limitBytes").asLong());
    assertEquals("2026-11-15", doc.get("caps").get(0).get("periodStart").asText());
    assertEquals(
        "Data cap reached: 5.10 MB of 5.00 MB", doc.get("alerts").get(0).get("title").asText());
    assertEquals("5", doc.get("alerts").get(0).get("rule").asText());

    assertEquals("Removed rule 2.\n", run("alerts", "remove", "2").out());
    Run again = run("alerts", "remove", "2");
    assertEquals(2, again.code());
    assertTrue(again.err().startsWith("there is no rule 2 (see: hogwatch alerts)"), again.err());
  }

  @Test
  void badInputSaysWhatToWriteAndSavesNothing() {
    Run bits = run("alerts", "add", "cap", "5Mb");
    assertEquals(2, bits.code());
    assertTrue(bits.err().startsWith("LIMIT: '5Mb' is ambiguous: write 5MB for bytes"), bits.err());
    Run day = run("alerts", "add", "cap", "3GB", "--per", "week", "--reset-day", "9");
    assertTrue(
        day.err().startsWith("--reset-day: the reset day of a week is 1 (Monday) to 7 (Sunday)"),
        day.err());
    Run per = run("alerts", "add", "cap", "3GB", "--per", "year");
    assertTrue(per.err().startsWith("--per: 'year' is not day, week or month"), per.err());
    Run rate = run("alerts", "add", "rate", "5MB/s");
    assertEquals(2, rate.code());
    assertTrue(rate.err().startsWith("Missing required option: '--for=PERIOD'"), rate.err());
    Run which = run("alerts", "add");
    assertTrue(which.err().startsWith("say which rule: cap, app, rate or new-app"), which.err());
    for (Run r : List.of(bits, day, per, rate, which)) {
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertTrue(run("alerts").out().startsWith("No alert rules"));
  }
}
