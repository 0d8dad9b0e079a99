package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.testing.ChildHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code hogwatch serve --demo} recording into a data dir, with a 1 kB daily cap
 * set by {@code hogwatch alerts add}: {@code /api/alerts} shows the cap over and one alert, {@code
 * /metrics} counts it once in {@code hogwatch_alerts_total} with the cap's ratio, the alert is
 * printed once on stderr; a second server on the same files gives no second alert.
 */
class ServeAlertsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ProcessBuilder hogwatch(String... args) throws IOException {
    String jar = System.getProperty("hogwatch.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] cmd = new String[args.length + 3];
    cmd[0] = java;
    cmd[1] = "-jar";
    cmd[2] = jar;
    System.arraycopy(args, 0, cmd, 3, args.length);
    return ChildHome.in(new ProcessBuilder(cmd), dir.resolve("home")).redirectErrorStream(true);
  }

  /** A running server: its port and everything it printed so far. */
  private record Server(Process process, int port, java.util.List<String> lines) {
    String output() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }
  }

  private Server serve() throws Exception {
    Process p =
        hogwatch("--demo", "--data-dir", dir.resolve("data").toString(), "serve", "--port", "0")
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    java.util.List<String> all =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    String line = out.readLine();
    while (line != null && !line.startsWith("Hogwatch web view: ")) {
      all.add(line);
      line = out.readLine();
    }
    assertTrue(line != null, "no address printed:\n" + all);
    all.add(line);
    Matcher m = Pattern.compile("http://[^:]+:(\\d+)/").matcher(line);
    assertTrue(m.find(), line);
    Thread drain =
        new Thread(
            () -> {
              try {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                  all.add(l);
                }
              } catch (IOException e) {
                // server gone
              }
            },
            "serve-output");
    drain.setDaemon(true);
    drain.start();
    return new Server(p, Integer.parseInt(m.group(1)), all);
  }

  private static void stop(Server s) throws InterruptedException {
    s.process().destroy(); // SIGTERM: the shutdown hook flushes history
    if (!s.process().waitFor(30, TimeUnit.SECONDS)) {
      s.process().destroyForcibly();
    }
  }

  private static void waitFor(int seconds, BooleanSupplier ok, String what)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(250);
    }
  }

  private static JsonNode alerts(Server s) {
    try {
      return JSON.readTree(Http.get(s.port(), "/api/alerts").body());
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  @Test
  void serveChecksTheRulesAndTellsACrossingOnceAcrossRestarts() throws Exception {
    String jar = System.getProperty("hogwatch.jar");
    assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "needs the shaded jar (verify)");
    Process add = hogwatch("alerts", "add", "cap", "1kB", "--per", "day").start();
    String added = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(add.waitFor(60, TimeUnit.SECONDS));
    assertEquals("Added rule 1: cap 1.00 kB per day\n", added);

    Server first = serve();
    try {
      waitFor(
          60,
          () -> alerts(first).path("alerts").size() == 1,
          "no alert in /api/alerts:\n" + first.output());
      JsonNode a = alerts(first);
      JsonNode cap = a.path("caps").get(0);
      assertEquals("over", cap.path("level").asText(), a.toString());
      assertTrue(cap.path("usedBytes").asLong() > 1000, a.toString());
      assertTrue(
          a.path("alerts").get(0).path("title").asText().startsWith("Data cap reached: "),
          a.toString());
      Thread.sleep(6000); // another check of the rules while the demo keeps adding bytes
      String text = Http.get(first.port(), "/metrics").body();
      PromText p = PromText.parse(text);
      assertEquals(1.0, p.value("hogwatch_alerts_total", Map.of("rule", "1")).orElseThrow());
      assertTrue(
          p.value("hogwatch_data_cap_used_ratio", Map.of("rule", "1")).orElseThrow() > 1.0, text);
      assertEquals(1, alerts(first).path("alerts").size());
    } finally {
      stop(first);
    }
    String said = first.output();
    assertEquals(1, said.split("hogwatch serve: alert: Data cap reached", -1).length - 1, said);

    // the same files again: the crossing is in history, nothing new is told
    Server second = serve();
    try {
      waitFor(
          60,
          () -> alerts(second).path("caps").size() == 1,
          "no cap in /api/alerts:\n" + second.output());
      Thread.sleep(6000);
      PromText p = PromText.parse(Http.get(second.port(), "/metrics").body());
      assertEquals(0.0, p.value("hogwatch_alerts_total", Map.of("rule", "1")).orElseThrow());
      assertEquals(1, alerts(second).path("alerts").size(), alerts(second).toString());
    } finally {
      stop(second);
    }
    assertFalse(second.output().contains("alert: Data cap"), second.output());
    assertFalse(second.output().contains("Exception"), second.output());
  }
}
