package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.history.History;
import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.TraceLine;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/history?app=KIND:ID&uid=UID} over a real history file with application rows. */
class AppHistoryApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private Feed feed;
  private History history;
  private WebServer web;

  @AfterEach
  void close() throws Exception {
    if (web != null) {
      web.close();
    }
    if (history != null) {
      history.close();
    }
    if (feed != null) {
      feed.close();
    }
  }

  /**
   * Refreshes at t0 (curl of uid 1000: 100/2000), t0+1 (firefox of uid 1000 appears with 10/50000,
   * curl of uid 1001 with 7/70) and t0+2 (curl of uid 1000 grows by 1/1), recorded into a real
   * history file; applications are resolved by name (kind exe).
   */
  private Instant record() throws Exception {
    Accounting acc = new Accounting(Long.MAX_VALUE, 1000, pid -> true, uid -> "u" + uid);
    CaptureStatus running = CaptureStatus.of(CaptureStatus.State.RUNNING, "");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(120);
    history = History.start(History.Options.defaults(dir));
    TraceLine curl = new TraceLine("/usr/bin/curl", 10, 1000, 100, 2000);
    TraceLine firefox = new TraceLine("firefox", 11, 1000, 10, 50_000);
    TraceLine otherCurl = new TraceLine("/usr/bin/curl", 12, 1001, 7, 70);
    List<List<TraceLine>> blocks =
        List.of(
            List.of(curl),
            List.of(curl, firefox, otherCurl),
            List.of(new TraceLine("/usr/bin/curl", 10, 1000, 101, 2001), firefox, otherCurl));
    for (int i = 0; i < blocks.size(); i++) {
      long nanos = (i + 1) * 1_000_000_000L;
      acc.apply(new Refresh(nanos, 1, blocks.get(i)));
      history.accept(acc.snapshot(t0.plusSeconds(i), nanos, running, 0));
      history.flush();
    }
    return t0;
  }

  private static long[] sum(JsonNode h) {
    long[] s = new long[2];
    for (JsonNode p : h.get("points")) {
      s[0] += p.get("sentBytes").asLong();
      s[1] += p.get("receivedBytes").asLong();
    }
    return s;
  }

  @Test
  void anApplicationsPastComesFromHistoryForItsUserOnly() throws Exception {
    Instant t0 = record();
    feed = new Feed();
    web = WebServer.start(feed.hub, StoredHistory.of(history), ServeOptions.defaults().withPort(0));
    String span = "since=" + t0.toEpochMilli() + "&until=" + t0.plusSeconds(3).toEpochMilli();

    Http.Response r = Http.get(web.port(), "/api/history?" + span + "&app=exe:curl&uid=1000");
    assertEquals(200, r.status(), r.body());
    JsonNode h = MAPPER.readTree(r.body());
    assertEquals("exe:curl", h.get("app").asText());
    assertEquals(1000, h.get("uid").asInt());
    assertTrue(h.get("program").isNull(), r.body());
    assertTrue(h.get("points").size() >= 1, r.body());
    assertEquals(101, sum(h)[0], r.body());
    assertEquals(2001, sum(h)[1], r.body());
    long first = h.at("/points/0/t").asLong();
    assertTrue(first >= t0.toEpochMilli() && first < t0.plusSeconds(3).toEpochMilli(), r.body());

    // the same application of another user is another series
    JsonNode other =
        MAPPER.readTree(
            Http.get(web.port(), "/api/history?" + span + "&app=exe:curl&uid=1001").body());
    assertEquals(7, sum(other)[0]);
    assertEquals(70, sum(other)[1]);
    JsonNode fx =
        MAPPER.readTree(
            Http.get(web.port(), "/api/history?" + span + "&app=exe:firefox&uid=1000").body());
    assertEquals(10, sum(fx)[0]);
    assertEquals(50_000, sum(fx)[1]);

    // an application history never saw: no points, not an error
    Http.Response none = Http.get(web.port(), "/api/history?" + span + "&app=flatpak:x.y&uid=1000");
    assertEquals(200, none.status(), none.body());
    assertEquals(0, MAPPER.readTree(none.body()).get("points").size());
  }

  @Test
  void aBadApplicationGetsAClearMessage() throws Exception {
    Instant t0 = record();
    feed = new Feed();
    web = WebServer.start(feed.hub, StoredHistory.of(history), ServeOptions.defaults().withPort(0));
    String span = "since=" + t0.toEpochMilli() + "&";
    assertProblem("/api/history?" + span + "app=exe:curl", "app needs uid");
    assertProblem("/api/history?" + span + "app=exe:curl&uid=me", "app needs uid");
    assertProblem("/api/history?" + span + "app=curl&uid=1000", "app must be KIND:ID");
    assertProblem("/api/history?" + span + "app=exe:&uid=1000", "app must be KIND:ID");
    assertProblem(
        "/api/history?" + span + "app=rpm:curl&uid=1000", "unknown application kind 'rpm'");
    assertProblem(
        "/api/history?" + span + "app=exe:curl&uid=1000&program=curl", "either program or app");
    assertProblem("/api/history?" + span + "app=exe:a%01b&uid=1000", "control characters");
  }

  @Test
  void withoutHistoryAnApplicationSays503() throws Exception {
    feed = new Feed();
    web = WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0));
    Http.Response r = Http.get(web.port(), "/api/history?since=0&app=exe:curl&uid=1000");
    assertEquals(503, r.status());
    assertTrue(r.body().contains("history is not recorded"), r.body());
  }

  private void assertProblem(String uri, String expected) throws Exception {
    Http.Response r = Http.get(web.port(), uri);
    assertEquals(400, r.status(), uri + " -> " + r.body());
    String error = MAPPER.readTree(r.body()).get("error").asText();
    assertTrue(error.contains(expected), uri + " -> " + error);
  }
}
