package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceSample.Counter;
import dev.hogwatch.model.TraceLine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} text, parsed by {@link PromText}, carries the Hub's totals with bounded labels.
 */
class MetricsTest {

  private static PromText scrape(Metrics m) {
    return PromText.parse(new String(m.scrape(), StandardCharsets.UTF_8));
  }

  @Test
  void programsInterfacesUnattributedCaptureAndRestarts() throws Exception {
    try (Feed feed = new Feed()) {
      Metrics m = new Metrics(feed.hub::latest, () -> 3);
      feed.interfaces(new Counter("eth0", 1_000, 2_000));
      feed.refresh(
          new TraceLine("/usr/bin/curl", 10, 1000, 100, 200),
          new TraceLine("firefox", 20, 1000, 1_000, 5_000),
          new TraceLine("firefox", 21, 1000, 10, 50),
          new TraceLine("10.0.0.1:22-10.0.0.2:5555", 0, 0, 7, 9),
          new TraceLine("unknown TCP", 0, 0, 1, 2));
      feed.interfaces(new Counter("eth0", 1_500, 2_700));
      feed.status(CaptureStatus.State.RUNNING, 2);
      feed.flush();

      PromText p = scrape(m);
      for (String counter :
          new String[] {
            "hogwatch_sent_bytes_total",
            "hogwatch_received_bytes_total",
            "hogwatch_interface_sent_bytes_total",
            "hogwatch_interface_received_bytes_total",
            "hogwatch_unattributed_sent_bytes_total",
            "hogwatch_unattributed_received_bytes_total",
            "hogwatch_nethogs_restarts_total"
          }) {
        assertEquals("counter", p.typeOf(counter), counter);
      }
      assertEquals("gauge", p.typeOf("hogwatch_capture_up"));
      assertEquals("gauge", p.typeOf("hogwatch_stream_clients"));
      Map<String, String> curl = Map.of("program", "/usr/bin/curl", "user", "u1000");
      Map<String, String> firefox = Map.of("program", "firefox", "user", "u1000");
      assertEquals(100.0, p.value("hogwatch_sent_bytes_total", curl).orElseThrow());
      assertEquals(200.0, p.value("hogwatch_received_bytes_total", curl).orElseThrow());
      assertEquals(1_010.0, p.value("hogwatch_sent_bytes_total", firefox).orElseThrow());
      assertEquals(5_050.0, p.value("hogwatch_received_bytes_total", firefox).orElseThrow());
      // pid 0 is not a program: its bytes are in the unattributed counters, no label per tuple
      assertEquals(2, p.series("hogwatch_sent_bytes_total").size());
      assertEquals(8.0, p.value("hogwatch_unattributed_sent_bytes_total", Map.of()).orElseThrow());
      assertEquals(
          11.0, p.value("hogwatch_unattributed_received_bytes_total", Map.of()).orElseThrow());
      assertEquals(
          700.0,
          p.value("hogwatch_interface_sent_bytes_total", Map.of("interface", "eth0"))
              .orElseThrow());
      assertEquals(
          500.0,
          p.value("hogwatch_interface_received_bytes_total", Map.of("interface", "eth0"))
              .orElseThrow());
      // applications: by kind and id (here nethogs's names: the Feed resolves by name), no pid
      assertEquals(
          1_010.0,
          p.value(
                  "hogwatch_app_sent_bytes_total",
                  Map.of("kind", "exe", "app", "firefox", "user", "u1000"))
              .orElseThrow());
      assertEquals(
          200.0,
          p.value(
                  "hogwatch_app_received_bytes_total",
                  Map.of("kind", "exe", "app", "curl", "user", "u1000"))
              .orElseThrow());
      assertEquals(2, p.series("hogwatch_app_sent_bytes_total").size(), "unattributed is no app");
      assertEquals("counter", p.typeOf("hogwatch_app_sent_bytes_total"));
      assertEquals(1.0, p.value("hogwatch_capture_up", Map.of()).orElseThrow());
      assertEquals(2.0, p.value("hogwatch_nethogs_restarts_total", Map.of()).orElseThrow());
      assertEquals(3.0, p.value("hogwatch_stream_clients", Map.of()).orElseThrow());
      for (String name : p.types.keySet()) {
        assertTrue(p.help.containsKey(name), "HELP for " + name);
      }

      // counters only grow; capture going away shows as 0
      feed.refresh(new TraceLine("/usr/bin/curl", 10, 1000, 150, 260));
      feed.status(CaptureStatus.State.NO_PERMISSION, 2);
      feed.flush();
      PromText q = scrape(m);
      assertEquals(150.0, q.value("hogwatch_sent_bytes_total", curl).orElseThrow());
      assertEquals(1_010.0, q.value("hogwatch_sent_bytes_total", firefox).orElseThrow());
      assertEquals(0.0, q.value("hogwatch_capture_up", Map.of()).orElseThrow());
    }
  }

  @Test
  void programsBeyondTheCapShareOneSeries() throws Exception {
    try (Feed feed = new Feed()) {
      Metrics m = new Metrics(feed.hub::latest, () -> 0, 2);
      feed.refresh(
          new TraceLine("a", 1, 1000, 300, 0),
          new TraceLine("b", 2, 1000, 200, 0),
          new TraceLine("c", 3, 1000, 100, 0),
          new TraceLine("d", 4, 1000, 50, 0));
      feed.flush();
      PromText p = scrape(m);
      Map<Map<String, String>, Double> sent = p.series("hogwatch_sent_bytes_total");
      assertEquals(3, sent.size(), sent.toString());
      assertEquals(300.0, sent.get(Map.of("program", "a", "user", "u1000")));
      assertEquals(200.0, sent.get(Map.of("program", "b", "user", "u1000")));
      assertEquals(150.0, sent.get(Map.of("program", "(other)", "user", "(other)")));
      assertFalse(sent.containsKey(Map.of("program", "c", "user", "u1000")));
      Map<Map<String, String>, Double> apps = p.series("hogwatch_app_sent_bytes_total");
      assertEquals(3, apps.size(), apps.toString());
      assertEquals(150.0, apps.get(Map.of("kind", "(other)", "app", "(other)", "user", "(other)")));
    }
  }

  @Test
  void labelValuesWithQuotesAndBackslashesAreEscaped() throws Exception {
    try (Feed feed = new Feed()) {
      Metrics m = new Metrics(feed.hub::latest, () -> 0);
      String odd = "/opt/we\"ird\\app name";
      feed.refresh(new TraceLine(odd, 5, 1000, 42, 0));
      feed.flush();
      assertEquals(
          42.0,
          scrape(m)
              .value("hogwatch_sent_bytes_total", Map.of("program", odd, "user", "u1000"))
              .orElseThrow());
    }
  }
}
