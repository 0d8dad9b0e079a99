package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.history.History;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Hub;
import dev.hogwatch.serve.Browser;
import dev.hogwatch.serve.ServeOptions;
import dev.hogwatch.serve.StoredHistory;
import dev.hogwatch.serve.WebServer;
import dev.hogwatch.testing.IperfClient;
import dev.hogwatch.testing.NetnsLab;
import dev.hogwatch.ui.window.SpanWindowDriver;
import java.awt.GraphicsEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Click a spike, see who caused it, on real traffic: the real jar records with the real nethogs
 * inside namespace A of a {@link NetnsLab} into a real history file while two different programs
 * send in two separate bursts (iperf3, then a python3 script); then, from the file alone (a
 * restart), each burst's span must name its program first with its bytes within 2 % of what the
 * kernel counted on the veth, through {@link History.Reader#range} and through {@code report}; and
 * a span from a burst's first second to 2 s past its last must hold at least 90 % of the burst
 * (bytes are stored in the second they crossed the link).
 */
class RangeAttributionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final ZoneId ZONE = ZoneId.systemDefault();

  @TempDir Path tmp;

  /**
   * One burst as the kernel counted it on vethA: when the program ran, when bytes first and last
   * moved (sampled every ~50 ms), and how many.
   */
  record Burst(
      String program,
      Instant start,
      Instant end,
      Instant firstTraffic,
      Instant lastTraffic,
      long sent,
      long received) {
    long total() {
      return sent + received;
    }
  }

  /** What the recording saw; reused by the window and page tests of the same recording. */
  record Recording(Path dataDir, Burst first, Burst second) {}

  @BeforeEach
  void needs() {
    Assumptions.assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
    Assumptions.assumeTrue(
        NetnsLab.onPath("nethogs") || Files.exists(Path.of("/usr/sbin/nethogs")),
        "needs nethogs (apt install nethogs)");
    Assumptions.assumeTrue(NetnsLab.onPath("iperf3"), "needs iperf3 (apt install iperf3)");
    Assumptions.assumeTrue(NetnsLab.onPath("python3"), "needs python3");
    Assumptions.assumeTrue(System.getProperty("hogwatch.jar") != null, "run by failsafe");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A TCP sink in namespace B on port 9000 (python3): reads and drops whatever comes. */
  private static final String SINK =
      """
      import socket
      l = socket.socket()
      l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      l.bind(('HOST', 9000))
      l.listen()
      while True:
          c, _ = l.accept()
          while c.recv(1 << 20):
              pass
          c.close()
      """;

  /** A python3 upload of about 3 MB/s for 3 s to the sink. */
  private static final String SEND =
      """
      import socket, time
      s = socket.create_connection(('HOST', 9000))
      b = b'x' * 65536
      t = time.time()
      while time.time() - t < 3:
          s.sendall(b)
          time.sleep(0.02)
      s.close()
      """;

  /**
   * Records two bursts: iperf3 uploads 3 s at 24 Mbit/s, 6 s of quiet, then python3 uploads 3 s at
   * about 3 MB/s; then the recorder is stopped (SIGTERM: history is flushed and the file closed).
   */
  static Recording record(Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    try (NetnsLab lab = NetnsLab.create()) {
      lab.start(lab.nsB(), tmp.resolve("iperf-server.log"), "iperf3", "-s", "-B", lab.addrB());
      lab.start(
          lab.nsB(), tmp.resolve("sink.log"), "python3", "-c", SINK.replace("HOST", lab.addrB()));
      IperfClient.awaitServer(lab, lab.nsA(), lab.addrB());
      awaitSink(lab, tmp.resolve("sink.log"));
      Process rec =
          new ProcessBuilder(
                  NetnsLab.inNs(
                      lab.nsA(),
                      java(),
                      "-jar",
                      System.getProperty("hogwatch.jar"),
                      "--data-dir",
                      data.toString(),
                      "--devices",
                      lab.vethA(),
                      "serve",
                      "--bind",
                      "127.0.0.1",
                      "--port",
                      "18714"))
              .redirectOutput(tmp.resolve("serve.out").toFile())
              .redirectError(tmp.resolve("serve.err").toFile())
              .start();
      try {
        awaitNethogs(rec);
        // a trickle of connections, as a desktop always has: nethogs's clock only moves with
        // packets, so on a silent link the last second of a burst would wait for the next packet
        lab.start(
            lab.nsA(),
            tmp.resolve("trickle.log"),
            "bash",
            "-c",
            "while :; do (exec 3<>/dev/tcp/"
                + lab.addrB()
                + "/5201) 2>/dev/null; sleep 0.25; done");
        Thread.sleep(1500);
        Burst first =
            burst(
                lab,
                "iperf3",
                tmp.resolve("iperf.log"),
                "iperf3",
                "-c",
                lab.addrB(),
                "--connect-timeout=5000",
                "-t",
                "3",
                "-b",
                "24M");
        Thread.sleep(6000);
        Burst second =
            burst(
                lab,
                "python3",
                tmp.resolve("send.log"),
                "python3",
                "-c",
                SEND.replace("HOST", lab.addrB()));
        Thread.sleep(5000); // nethogs's next refreshes and one history flush
        rec.destroy(); // SIGTERM: the recorder flushes history and closes the file
        assertTrue(rec.waitFor(30, TimeUnit.SECONDS), "the recorder did not stop");
        String err = Files.readString(tmp.resolve("serve.err"), StandardCharsets.UTF_8);
        assertTrue(!err.contains("Exception"), "no stack trace on stderr: " + err);
        System.out.println("bursts: " + first + " / " + second);
        return new Recording(data, first, second);
      } finally {
        rec.descendants().forEach(ProcessHandle::destroy);
        rec.destroy();
      }
    }
  }

  private static void awaitSink(NetnsLab lab, Path log) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      try {
        lab.run(lab.nsA(), 5, "bash", "-c", "exec 3<>/dev/tcp/" + lab.addrB() + "/9000");
        return;
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the python3 sink did not start: " + Files.readString(log), e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static void awaitNethogs(Process rec) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (rec.descendants()
          .anyMatch(h -> h.info().command().orElse("").endsWith("/nethogs") && h.isAlive())) {
        Thread.sleep(3000); // first blocks, capture open
        return;
      }
      assertTrue(rec.isAlive(), "the recorder exited");
      Thread.sleep(100);
    }
    throw new AssertionError("hogwatch did not start nethogs within 30 s");
  }

  private static long counters(NetnsLab lab) {
    return lab.txBytes(lab.nsA(), lab.vethA()) + lab.rxBytes(lab.nsA(), lab.vethA());
  }

  private static Burst burst(NetnsLab lab, String program, Path log, String... cmd)
      throws Exception {
    long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
    long rx0 = lab.rxBytes(lab.nsA(), lab.vethA());
    Instant start = Instant.now();
    Process p = lab.start(lab.nsA(), log, cmd);
    // when bytes moved: a sample that grew by more than the trickle's few hundred bytes
    long prev = tx0 + rx0;
    Instant prevAt = start;
    Instant first = null;
    Instant last = null;
    while (p.isAlive()) {
      long c = counters(lab);
      Instant at = Instant.now();
      if (c - prev > 20_000) {
        if (first == null) {
          first = prevAt; // it began after the previous sample
        }
        last = prevAt; // it still moved after the previous sample
      }
      prev = c;
      prevAt = at;
      Thread.sleep(50);
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), program + " did not finish");
    assertEquals(0, p.exitValue(), Files.readString(log));
    Instant end = Instant.now();
    Thread.sleep(300); // the last ACKs
    long tx1 = lab.txBytes(lab.nsA(), lab.vethA());
    long rx1 = lab.rxBytes(lab.nsA(), lab.vethA());
    if (counters(lab) - prev > 20_000 || first == null) {
      last = prevAt;
      first = first == null ? start : first;
    }
    return new Burst(program, start, end, first, last, tx1 - tx0, rx1 - rx0);
  }

  static long programTotal(RangeUsage u, String name) {
    long t = 0;
    for (ProgramUsage p : u.programs()) {
      if (named(p.name(), name)) {
        t += p.totalBytes();
      }
    }
    return t;
  }

  static boolean named(ProgramUsage p, String name) {
    return named(p.name(), name);
  }

  /** nethogs names a program by argv[0]: {@code python3} may be {@code /usr/bin/python3.11}. */
  static boolean named(String nethogsName, String program) {
    String base = nethogsName.substring(nethogsName.lastIndexOf('/') + 1);
    return base.startsWith(program);
  }

  static void within(long expected, long actual, double fraction, String what) {
    double err = Math.abs((double) actual - expected) / expected;
    System.out.printf(
        Locale.ROOT, "%s: hogwatch %d, kernel %d, %.2f %%%n", what, actual, expected, err * 100);
    assertTrue(err <= fraction, what + ": hogwatch " + actual + " vs kernel " + expected);
  }

  /** The burst's span as a person would select it: its first second to 2 s past its last. */
  static Instant[] span(Burst b) {
    // edges go out to whole seconds: the first second with traffic to 2 s past the last
    return new Instant[] {b.firstTraffic(), b.lastTraffic().plusSeconds(2)};
  }

  @Test
  void eachBurstsSpanNamesItsProgramFirstFromTheFileAndFromReport() throws Exception {
    Recording r = record(tmp);
    List<String> onTime = new ArrayList<>();
    try (History.ReadOnly store = History.openReadOnly(r.dataDir(), ZONE).orElseThrow()) {
      for (Burst b : List.of(r.first(), r.second())) {
        // everything the program did, from a wide span around the burst
        RangeUsage wide = store.range(b.start().minusSeconds(3), b.end().plusSeconds(10));
        long all = programTotal(wide, b.program());
        System.out.println(b.program() + "'s burst, widely: " + wide);
        within(b.total(), all, 0.02, b.program() + " over the whole burst");
        Instant[] s = span(b);
        RangeUsage sel = store.range(s[0], s[1]);
        assertEquals(1, sel.resolutionSeconds());
        assertTrue(
            !sel.programs().isEmpty() && named(sel.programs().get(0), b.program()),
            b.program() + " first in " + sel.programs());
        long in = programTotal(sel, b.program());
        double share = (double) in / all;
        // how late: spans ending 0, 1 and 2 s after the burst's last second
        StringBuilder late = new StringBuilder();
        long lastSecond = b.lastTraffic().getEpochSecond();
        for (int k = 0; k <= 2; k++) {
          RangeUsage upTo =
              store.range(
                  Instant.ofEpochSecond(b.firstTraffic().getEpochSecond()),
                  Instant.ofEpochSecond(lastSecond + 1 + k));
          late.append(
              String.format(
                  Locale.ROOT,
                  " +%d s: %.1f %%",
                  k,
                  100.0 * programTotal(upTo, b.program()) / all));
        }
        onTime.add(
            String.format(
                Locale.ROOT,
                "%s: %.1f %% of its bytes in [first second, last + 2 s];%s",
                b.program(),
                share * 100,
                late));
        System.out.println(onTime.get(onTime.size() - 1));
        assertTrue(share >= 0.90, onTime.get(onTime.size() - 1));
        within(b.total(), in, 0.02, b.program() + " in its selected span");
        // and report, with times of day to the second
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
        String since = hms.format(LocalTime.ofInstant(s[0], ZONE));
        // rounded up, as range() does: the whole last second is in the span
        String until = hms.format(LocalTime.ofInstant(s[1].plusMillis(999), ZONE));
        Process report =
            new ProcessBuilder(
                    java(),
                    "-jar",
                    System.getProperty("hogwatch.jar"),
                    "--data-dir",
                    r.dataDir().toString(),
                    "report",
                    "--since",
                    since,
                    "--until",
                    until,
                    "--format",
                    "json")
                .redirectError(tmp.resolve("report.err").toFile())
                .start();
        String out = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(report.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, report.exitValue(), Files.readString(tmp.resolve("report.err")));
        JsonNode doc = JSON.readTree(out);
        JsonNode top = doc.get("programs").get(0);
        assertTrue(
            named(top.get("name").asText(), b.program()),
            "report names " + b.program() + " first: " + out);
        within(
            b.total(),
            top.get("sentBytes").asLong() + top.get("receivedBytes").asLong(),
            0.02,
            b.program() + " in report --since " + since + " --until " + until);
      }
    }
    System.out.println("on time: " + onTime);
    afterRestartThePageAndTheWindowSelectTheSameSpans(r);
  }

  /**
   * From the file after the recorder stopped: {@code serve}'s page in the real headless Chromium
   * and the real window under X, each selecting a burst with real mouse input.
   */
  private void afterRestartThePageAndTheWindowSelectTheSameSpans(Recording r) throws Exception {
    Hub hub =
        new Hub(
                new Accounting(Long.MAX_VALUE, 1000, p -> true, uid -> "u" + uid),
                CaptureStatus.of(CaptureStatus.State.RUNNING, ""))
            .start();
    try (History h = History.start(History.Options.defaults(r.dataDir()));
        WebServer web =
            WebServer.start(hub, StoredHistory.of(h), ServeOptions.defaults().withPort(0))) {
      if (Browser.available()) {
        page(web, r);
      } else {
        System.out.println("no chromium: page part skipped");
      }
      if (!GraphicsEnvironment.isHeadless()) {
        try (SpanWindowDriver w = SpanWindowDriver.open(hub, h, tmp)) {
          for (Burst b : List.of(r.first(), r.second())) {
            Instant from = b.firstTraffic().minusMillis(1500);
            Instant to = b.lastTraffic().plusMillis(2500);
            RangeUsage u = w.drag(from, to);
            w.screenshot(Path.of("target", "range-window-" + b.program() + ".png"));
            System.out.println("window: dragged " + from + " - " + to + ", shows " + u);
            assertTrue(
                !u.programs().isEmpty() && named(u.programs().get(0), b.program()),
                "window: " + b.program() + " first in " + u.programs());
            within(b.total(), programTotal(u, b.program()), 0.02, b.program() + " in the window");
          }
        }
      } else {
        System.out.println("no display: window part skipped");
      }
    } finally {
      hub.close();
    }
  }

  private void page(WebServer web, Recording r) throws Exception {
    try (Browser browser = new Browser()) {
      ChromeDriver driver = browser.driver;
      JavascriptExecutor js = browser.js;
      driver.get(web.url().toString());
      browser.waitFor(
          () ->
              Boolean.TRUE.equals(
                  js.executeScript("return !!(window.hogwatch && hogwatch.events > 0)")));
      driver.findElement(By.cssSelector(".ranges button[data-range='900']")).click();
      browser.waitFor(
          () -> String.valueOf(js.executeScript("return hogwatch.history")).startsWith("loaded"));
      driver.findElement(By.id("pause")).click();
      for (Burst b : List.of(r.first(), r.second())) {
        js.executeScript("hogwatch.span = null");
        WebElement over = driver.findElement(By.cssSelector("#chart .u-over"));
        double x1 =
            browser.number(
                "return hogwatch.xPos(" + (b.start().toEpochMilli() - 1500) / 1000.0 + ")");
        double x2 =
            browser.number(
                "return hogwatch.xPos(" + (b.end().toEpochMilli() + 2500) / 1000.0 + ")");
        int w = over.getSize().getWidth();
        new Actions(driver)
            .moveToElement(over, (int) Math.round(x1 - w / 2.0), 0)
            .clickAndHold()
            .moveByOffset((int) Math.round((x2 - x1) / 2), 0)
            .moveByOffset((int) Math.round((x2 - x1) / 2), 0)
            .release()
            .perform();
        browser.waitFor(() -> Boolean.TRUE.equals(js.executeScript("return !!hogwatch.span")));
        JsonNode span =
            JSON.readTree(String.valueOf(js.executeScript("return JSON.stringify(hogwatch.span)")));
        JsonNode top = span.get("programs").get(0);
        assertTrue(
            named(top.get("name").asText(), b.program()),
            "page: " + b.program() + " first in " + span);
        within(
            b.total(),
            top.get("sentBytes").asLong() + top.get("receivedBytes").asLong(),
            0.02,
            b.program() + " on the page");
        String title = driver.findElement(By.id("span-title")).getText();
        assertTrue(
            title.matches("[A-Z][a-z]{2} \\d\\d:\\d\\d:\\d\\d – \\d\\d:\\d\\d:\\d\\d, .*B"), title);
        Files.write(
            Path.of("target", "range-page-" + b.program() + ".png"),
            driver.getScreenshotAs(OutputType.BYTES));
      }
      browser.assertNoPageErrors();
    }
  }
}
