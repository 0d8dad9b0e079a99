package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.history.History;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/alerts} and the alert metrics of {@code GET /metrics}, through real HTTP
 * requests, over a real history file with traffic past one daily cap and below another, checked by
 * a real {@link AlertService} reading a real rules file.
 */
class AlertsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Feed feed;
  private History history;
  private AlertService alerts;
  private WebServer web;

  @AfterEach
  void close() throws Exception {
    if (web != null) {
      web.close();
    }
    if (alerts != null) {
      alerts.close();
    }
    if (history != null) {
      history.close();
    }
    if (feed != null) {
      feed.close();
    }
  }

  private static Snapshot snapshot(Instant t, long curl) {
    List<ProgramStat> programs =
        List.of(new ProgramStat("curl", 1000, "u", curl / 2, curl - curl / 2, 0, 0, List.of(7)));
    return new Snapshot(
        t,
        t.toEpochMilli() * 1_000_000,
        List.of(),
        programs,
        new Totals(curl / 2, curl - curl / 2, 0, 0),
        Totals.ZERO,
        List.of(new InterfaceStat("eth0", curl, 0, 0, 0)),
        new Totals(curl, 0, 0, 0),
        CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
        0);
  }

  /** 1.2 MB today in a real history file; caps of 1 MB (crossed) and 100 MB (1.2 %) per day. */
  private void start() throws Exception {
    Clock clock = Clock.system(ZoneId.systemDefault());
    Instant now = Instant.now();
    RulesFile rules = new RulesFile(dir.resolve("config/alerts.json"), clock);
    rules.add(new Rule.Cap(0, now, 1_000_000, Rule.Per.DAY, 1, List.of()));
    rules.add(new Rule.Cap(0, now, 100_000_000, Rule.Per.DAY, 1, List.of()));
    history =
        History.start(
            History.Options.defaults(dir.resolve("data")).withFlushEvery(Duration.ofSeconds(1)));
    long[] totals = {300_000, 700_000, 1_200_000};
    for (int i = 0; i < totals.length; i++) {
      history.accept(snapshot(now.minusSeconds(totals.length - i), totals[i]));
      history.flush();
    }
    alerts = AlertService.start(history, rules, Duration.ofHours(1), clock);
    alerts.checkNow().get(30, TimeUnit.SECONDS);
    feed = new Feed();
    web = WebServer.start(feed.hub, StoredHistory.of(history), ServeOptions.defaults().withPort(0));
  }

  @Test
  void alertsApiGivesRulesCapsAndTheLatestAlert() throws Exception {
    start();
    Http.Response before = Http.get(web.port(), "/api/alerts");
    assertEquals(200, before.status(), before.body());
    JsonNode none = JSON.readTree(before.body());
    assertEquals(0, none.get("caps").size());
    assertEquals(0, none.get("rules").size());
    assertEquals("alerts are not checked by this server", none.get("problem").asText());

    web.alerts(() -> dev.hogwatch.wiring.AlertsWeb.report(alerts.state()));
    Http.Response r = Http.get(web.port(), "/api/alerts");
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json", r.header("Content-Type"));
    JsonNode j = JSON.readTree(r.body());
    assertEquals(2, j.get("rules").size(), r.body());
    assertEquals("cap", j.get("rules").get(0).get("kind").asText());
    assertEquals(1_000_000, j.get("rules").get(0).get("limitBytes").asLong());
    JsonNode over = j.get("caps").get(0);
    assertEquals(1, over.get("rule").asInt());
    assertEquals(1_200_000, over.get("usedBytes").asLong(), r.body());
    assertEquals(120, over.get("percent").asInt());
    assertEquals("over", over.get("level").asText());
    LocalDate today = LocalDate.now(ZoneId.systemDefault());
    assertEquals(today.toString(), over.get("periodStart").asText());
    assertEquals(today.plusDays(1).toString(), over.get("periodEnd").asText());
    assertTrue(over.get("projectedBytes").asLong() >= 1_200_000, r.body());
    assertTrue(
        over.get("text")
            .asText()
            .matches(
                "1\\.20 MB of 1\\.00 MB \\(120 %\\) today; at this"
                    + " pace [0-9.]+ [kMG]?B of 1\\.00 MB by the end of the day"),
        over.get("text").asText());
    JsonNode ok = j.get("caps").get(1);
    assertEquals("ok", ok.get("level").asText());
    assertEquals(0.012, ok.get("ratio").asDouble(), 1e-9);
    assertEquals(1, j.get("alerts").size(), r.body());
    assertEquals("1", j.get("alerts").get(0).get("rule").asText());
    assertEquals(
        "Data cap reached: 1.20 MB of 1.00 MB", j.get("alerts").get(0).get("title").asText());
    assertEquals("", j.get("problem").asText());
  }

  @Test
  void metricsCarryEachCapsRatioAndAlertsPerRuleOncePerCrossing() throws Exception {
    start();
    PromText without = PromText.parse(Http.get(web.port(), "/metrics").body());
    assertTrue(
        without.value("hogwatch_data_cap_used_ratio", Map.of("rule", "1")).isEmpty(),
        "no alert series before alerts are given to the server");

    web.alerts(() -> dev.hogwatch.wiring.AlertsWeb.report(alerts.state()));
    for (int i = 0; i < 100; i++) { // a storm of checks past the cap: still one alert
      var unused = alerts.checkNow();
    }
    alerts.checkNow().get(30, TimeUnit.SECONDS);
    Http.Response r = Http.get(web.port(), "/metrics");
    assertEquals(200, r.status(), r.body());
    PromText p = PromText.parse(r.body());
    assertEquals(
        1.2, p.value("hogwatch_data_cap_used_ratio", Map.of("rule", "1")).orElseThrow(), 1e-9);
    assertEquals(
        0.012, p.value("hogwatch_data_cap_used_ratio", Map.of("rule", "2")).orElseThrow(), 1e-9);
    assertEquals(1.0, p.value("hogwatch_alerts_total", Map.of("rule", "1")).orElseThrow());
    assertEquals(0.0, p.value("hogwatch_alerts_total", Map.of("rule", "2")).orElseThrow());
    assertTrue(r.body().contains("# TYPE hogwatch_data_cap_used_ratio gauge"), r.body());
  }
}
