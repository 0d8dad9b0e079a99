package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code GET /api/range} over a real history file, through a real HTTP request. */
class RangeApiTest {
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
   * Refreshes at t0 (curl 100/2000, unknown TCP 3/4), t0+1 (firefox appears with 10/50000) and t0+2
   * (curl grows by 1/1), recorded into a real history file.
   */
  private Instant record() throws Exception {
    Accounting acc = new Accounting(Long.MAX_VALUE, 1000, pid -> true, uid -> "u" + uid);
    CaptureStatus running = CaptureStatus.of(CaptureStatus.State.RUNNING, "");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(120);
    history = History.start(History.Options.defaults(dir));
    List<List<TraceLine>> blocks =
        List.of(
            List.of(
                new TraceLine("/usr/bin/curl", 10, 1000, 100, 2000),
                new TraceLine("unknown TCP", 0, 0, 3, 4)),
            List.of(
                new TraceLine("/usr/bin/curl", 10, 1000, 100, 2000),
                new TraceLine("unknown TCP", 0, 0, 3, 4),
                new TraceLine("firefox", 11, 1000, 10, 50_000)),
            List.of(
                new TraceLine("/usr/bin/curl", 10, 1000, 101, 2001),
                new TraceLine("unknown TCP", 0, 0, 3, 4),
                new TraceLine("firefox", 11, 1000, 10, 50_000)));
    for (int i = 0; i < blocks.size(); i++) {
      long nanos = (i + 1) * 1_000_000_000L;
      acc.apply(new Refresh(nanos, 1, blocks.get(i)));
      history.accept(acc.snapshot(t0.plusSeconds(i), nanos, running, 0));
      history.flush();
    }
    return t0;
  }

  @Test
  void rangeAnswersWhoUsedTheSpanInTheIssuesShape() throws Exception {
    Instant t0 = record();
    feed = new Feed();
    web = WebServer.start(feed.hub, StoredHistory.of(history), ServeOptions.defaults().withPort(0));
    long ms = t0.toEpochMilli();
    Http.Response r =
        Http.get(web.port(), "/api/range?since=" + ms + "&until=" + t0.plusSeconds(3));
    assertEquals(200, r.status(), r.body());
    assertEquals(
        "{\"since\":"
            + ms
            + ",\"until\":"
            + (ms + 3000)
            + ",\"resolutionSeconds\":1,\"programs\":["
            + "{\"name\":\"firefox\",\"user\":\"u1000\",\"sentBytes\":10,\"receivedBytes\":50000},"
            + "{\"name\":\"/usr/bin/curl\",\"user\":\"u1000\",\"sentBytes\":101,\"receivedBytes\":2001}],"
            + "\"unattributed\":{\"sentBytes\":3,\"receivedBytes\":4},"
            + "\"totals\":{\"sentBytes\":114,\"receivedBytes\":52005},\"apps\":["
            + "{\"kind\":\"exe\",\"id\":\"firefox\",\"name\":\"firefox\",\"user\":\"u1000\","
            + "\"sentBytes\":10,\"receivedBytes\":50000},"
            + "{\"kind\":\"exe\",\"id\":\"curl\",\"name\":\"curl\",\"user\":\"u1000\","
            + "\"sentBytes\":101,\"receivedBytes\":2001},"
            + "{\"kind\":\"unattributed\",\"id\":\"unattributed\",\"name\":\"Unattributed\","
            + "\"user\":\"(unattributed)\",\"sentBytes\":3,\"receivedBytes\":4}]}",
        r.body());
    // a click: one point, given as an ISO instant inside the second of curl's growth
    Http.Response click = Http.get(web.port(), "/api/range?since=" + t0.plusMillis(2300));
    assertEquals(
        "{\"since\":"
            + (ms + 2000)
            + ",\"until\":"
            + (ms + 3000)
            + ",\"resolutionSeconds\":1,\"programs\":["
            + "{\"name\":\"/usr/bin/curl\",\"user\":\"u1000\",\"sentBytes\":1,\"receivedBytes\":1}],"
            + "\"unattributed\":{\"sentBytes\":0,\"receivedBytes\":0},"
            + "\"totals\":{\"sentBytes\":1,\"receivedBytes\":1},\"apps\":["
            + "{\"kind\":\"exe\",\"id\":\"curl\",\"name\":\"curl\",\"user\":\"u1000\","
            + "\"sentBytes\":1,\"receivedBytes\":1}]}",
        click.body());
    Http.Response bad = Http.get(web.port(), "/api/range?since=noon");
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("not a time: 'noon'"), bad.body());
    assertEquals(400, Http.get(web.port(), "/api/range").status());
    assertEquals(400, Http.get(web.port(), "/api/range?since=5000&until=4000").status());
  }

  @Test
  void withoutHistoryRangeSays503() throws Exception {
    feed = new Feed();
    web = WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0));
    Http.Response r = Http.get(web.port(), "/api/range?since=0&until=1000");
    assertEquals(503, r.status());
    assertTrue(r.body().contains("history is not recorded"), r.body());
  }
}
