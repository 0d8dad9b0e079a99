package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.testing.ChildHome;
import dev.hogwatch.testing.IperfClient;
import dev.hogwatch.testing.NetnsLab;
import dev.hogwatch.testing.WarmUp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The web page fed by a real capture: the shipped jar's {@code hogwatch serve} runs the real
 * nethogs inside namespace A of a {@link NetnsLab} (through a two-line wrapper that enters the
 * namespace; the page is served on this namespace's loopback, where the browser is), iperf3 uploads
 * from A to B, and headless Chromium must show iperf3's row with the bytes the kernel counted on
 * the veth (within 2 %), without a JavaScript error.
 */
class WebCaptureIT {
  private static final Pattern URL = Pattern.compile("Hogwatch web view: (http://\\S+/)");

  @TempDir Path tmp;

  @Test
  void anUploadInANamespaceShowsOnThePageWithTheKernelsBytes() throws Exception {
    assumeTrue(Browser.available(), Browser.MISSING);
    assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
    assumeTrue(NetnsLab.onPath("iperf3"), "needs iperf3 (apt install iperf3)");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nethogs")), "needs nethogs");
    String jar = System.getProperty("hogwatch.jar", "");
    assumeTrue(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)), "hogwatch.jar not built");
    try (NetnsLab lab = NetnsLab.create()) {
      Path wrapper = tmp.resolve("nethogs");
      Files.writeString(
          wrapper,
          "#!/bin/sh\nexec ip netns exec " + lab.nsA() + " /usr/sbin/nethogs \"$@\"\n",
          StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
      lab.start(lab.nsB(), tmp.resolve("server.log"), "iperf3", "-s", "-B", lab.addrB());
      IperfClient.awaitServer(lab, lab.nsA(), lab.addrB());

      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar,
                  "serve",
                  "--nethogs",
                  wrapper.toString(),
                  "--devices",
                  lab.vethA(),
                  "--port",
                  "0",
                  "--data-dir",
                  tmp.resolve("data").toString())
              .redirectErrorStream(true);
      ChildHome.in(pb, tmp.resolve("home"));
      Process server = pb.start();
      try (Browser b = new Browser()) {
        String url = awaitUrl(server);
        b.driver.get(url);
        b.waitFor(() -> b.number("return window.hogwatch && window.hogwatch.events") >= 2);
        // the table groups by application by default; this test reads the programs' own rows
        b.driver.findElement(By.id("group-procs")).click();
        // the capture is live once a first connection shows up: a short warm-up upload by
        // another program (python3), so that the measured one starts on a running capture
        lab.start(lab.nsB(), tmp.resolve("sink.log"), "/usr/bin/python3", "-c", WarmUp.sink(lab));
        for (int i = 0; i < 20 && shown(b, "python3") < 0; i++) {
          lab.run(lab.nsA(), 30, "/usr/bin/python3", "-c", WarmUp.send(lab));
          Thread.sleep(1000);
        }
        assertTrue(shown(b, "python3") >= 0, "the capture never showed the warm-up upload");

        long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
        Process client =
            lab.start(
                lab.nsA(),
                tmp.resolve("iperf3.log"),
                dev.hogwatch.testing.IperfClient.upload(lab, "12M", "30M"));
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "iperf3 did not finish");
        assertEquals(0, client.exitValue(), Files.readString(tmp.resolve("iperf3.log")));
        Thread.sleep(1500);
        long sent = lab.txBytes(lab.nsA(), lab.vethA()) - tx0;

        // the row as the page shows it: Program, PID, User, ↑ now, ↓ now, Sent, Received, Total
        System.out.printf(Locale.ROOT, "web capture: kernel sent %d%n", sent);
        try {
          b.waitFor(() -> within(shownSent(b), sent, 0.02), 30);
        } catch (AssertionError e) {
          throw new AssertionError(
              "kernel sent "
                  + sent
                  + "; the page shows: "
                  + b.driver.findElement(By.id("procs")).getText(),
              e);
        }
        WebElement row =
            b.driver.findElement(By.cssSelector("#procs tbody tr[data-name='iperf3']"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        System.out.printf(
            Locale.ROOT, "web page: iperf3 sent %s; kernel %d%n", cells.get(5).getText(), sent);
        assertEquals("root", cells.get(2).getText());
        assertTrue(within(bytes(cells.get(5).getText()), sent, 0.02), cells.get(5).getText());
        Files.write(
            Path.of("target", "webpage-capture.png"), b.driver.getScreenshotAs(OutputType.BYTES));
        b.assertNoPageErrors();
      } finally {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String awaitUrl(Process server) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = URL.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.transferTo(java.io.Writer.nullWriter());
                  } catch (java.io.IOException e) {
                    // the server ended
                  }
                },
                "serve-output");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("hogwatch serve printed no address:\n" + seen);
  }

  /** The Sent cell of iperf3's row, in bytes, or -1 while there is none. */
  private static long shownSent(Browser b) {
    return shown(b, "iperf3");
  }

  /** The Sent cell of a program's row, in bytes, or -1 while there is none. */
  private static long shown(Browser b, String program) {
    List<WebElement> rows =
        b.driver.findElements(By.cssSelector("#procs tbody tr[data-name$='" + program + "']"));
    if (rows.isEmpty()) {
      return -1;
    }
    return bytes(rows.get(0).findElements(By.tagName("td")).get(5).getText());
  }

  /** "12.6 MB" as the page prints it (decimal SI units). */
  static long bytes(String text) {
    String[] p = text.trim().split(" ", -1);
    if (p.length != 2) {
      return -1;
    }
    int power = List.of("B", "kB", "MB", "GB", "TB").indexOf(p[1]) * 3;
    return power < 0 ? -1 : new BigDecimal(p[0]).movePointRight(power).longValue();
  }

  static boolean within(long shown, long kernel, double fraction) {
    return shown >= 0 && Math.abs(shown - kernel) <= fraction * kernel;
  }
}
