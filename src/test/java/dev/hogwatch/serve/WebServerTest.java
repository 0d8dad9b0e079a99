package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.history.SeriesPoint;
import dev.hogwatch.model.TraceLine;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web server's API and its security checks, over real loopback sockets (port 0). */
class WebServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TOKEN = "s3cret-token-for-tests";

  private Feed feed;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @BeforeEach
  void feed() throws Exception {
    feed = new Feed();
    feed.refresh(
        new TraceLine("/usr/bin/curl", 10, 1000, 100, 2_000),
        new TraceLine("unknown TCP", 0, 0, 0, 0));
    feed.flush();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    feed.close();
  }

  private WebServer start(ServeOptions options, HistorySource history) throws Exception {
    WebServer w = WebServer.start(feed.hub, history, options.withPort(0));
    closeLater.add(0, w);
    return w;
  }

  private WebServer start() throws Exception {
    return start(ServeOptions.defaults(), HistorySource.NONE);
  }

  private static ServeOptions loopback(Optional<String> token, int maxStreams, int maxInFlight) {
    return new ServeOptions("127.0.0.1", 0, token, maxStreams, maxInFlight);
  }

  @Test
  void snapshotHasTheFieldsOfTopJson() throws Exception {
    WebServer w = start();
    Http.Response r = Http.get(w.port(), "/api/snapshot");
    assertEquals(200, r.status());
    assertEquals("application/json", r.header("Content-Type"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    JsonNode s = MAPPER.readTree(r.body());
    JsonNode p = s.at("/processes/0");
    List<String> fields = new ArrayList<>();
    p.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "name",
            "pid",
            "uid",
            "user",
            "sentBytes",
            "receivedBytes",
            "sentRate",
            "receivedRate",
            "app"),
        fields);
    assertEquals("/usr/bin/curl", p.get("name").asText());
    assertEquals("exe", p.at("/app/kind").asText());
    assertEquals("curl", p.at("/app/id").asText());
    assertEquals("curl", s.at("/apps/0/app/id").asText());
    assertEquals(2_000, s.at("/apps/0/receivedBytes").asLong());
    assertEquals("curl", s.at("/apps/0/processes/0/app/name").asText());
    assertTrue(s.at("/users/0/uid").isInt());
    assertEquals(2_000, p.get("receivedBytes").asLong());
    List<String> totals = new ArrayList<>();
    s.get("totals").fieldNames().forEachRemaining(totals::add);
    assertEquals(List.of("sentBytes", "receivedBytes", "sentRate", "receivedRate"), totals);
    assertEquals("RUNNING", s.at("/capture/state").asText());
  }

  @Test
  void exitedProcessesComeBackAsOneRowPerProgram() throws Exception {
    try (Feed f = new Feed(java.time.Duration.ZERO)) {
      f.refresh(new TraceLine("wget", 7, 1000, 10, 900), new TraceLine("wget", 8, 1000, 5, 100));
      f.refresh(new TraceLine("wget", 7, 1000, 10, 900), new TraceLine("wget", 8, 1000, 5, 100));
      f.flush();
      List<dev.hogwatch.model.ProcessStat> rows = Json.rows(f.hub.latest());
      assertEquals(1, rows.size(), rows.toString());
      assertEquals(dev.hogwatch.model.Snapshot.FOLDED_PID, rows.get(0).pid());
      assertEquals(15, rows.get(0).sentBytes());
      assertEquals(1_000, rows.get(0).receivedBytes());
    }
  }

  @Test
  void pageAndChartLibraryAreServedFromTheJar() throws Exception {
    WebServer w = start();
    Http.Response page = Http.get(w.port(), "/");
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
    assertTrue(page.body().contains("/static/uPlot.iife.min.js"));
    Http.Response lib = Http.get(w.port(), "/static/uPlot.iife.min.js");
    assertEquals(200, lib.status());
    assertTrue(lib.body().contains("uPlot"));
    assertEquals(200, Http.get(w.port(), "/static/app.js").status());
    assertEquals(200, Http.get(w.port(), "/static/app.css").status());
  }

  @Test
  void staticFilesCannotEscapeTheirFolder() throws Exception {
    WebServer w = start();
    String[] attempts = {
      "/static/../../../../etc/passwd",
      "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/static/..%2f..%2f..%2fetc%2fpasswd",
      "/../../../../etc/passwd",
      "//etc/passwd",
      "/static//etc/passwd",
      "/static/app.js/../../../../etc/passwd",
      "/static/%2Fetc%2Fpasswd",
      "/dev/hogwatch/serve/web/app.js",
      "/META-INF/MANIFEST.MF",
      "/static/app.js%00.html",
      "/static/..\\..\\..\\etc\\passwd",
      "/static/",
      "/index.html",
    };
    for (String path : attempts) {
      Http.Response r = Http.get(w.port(), path);
      assertTrue(r.status() == 404 || r.status() == 400, path + " -> " + r.status());
      assertFalse(r.body().contains("root:"), path);
    }
  }

  @Test
  void onlyGetAndHeadAreServed() throws Exception {
    WebServer w = start();
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
      Http.Response r = Http.request(w.port(), method, "/api/snapshot", "127.0.0.1:" + w.port());
      assertEquals(405, r.status(), method);
      assertEquals("GET, HEAD", r.header("Allow"), method);
    }
    Http.Response head = Http.request(w.port(), "HEAD", "/", "127.0.0.1:" + w.port());
    assertEquals(200, head.status());
    assertEquals("", head.body());
  }

  @Test
  void bodiesAndOverlongTargetsAreRefused() throws Exception {
    WebServer w = start();
    Http.Response body =
        Http.raw(
            w.port(),
            "GET /api/snapshot HTTP/1.1\r\nHost: 127.0.0.1:"
                + w.port()
                + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    assertEquals(413, body.status());
    Http.Response longTarget = Http.get(w.port(), "/api/snapshot?x=" + "a".repeat(3000));
    assertEquals(414, longTarget.status());
  }

  @Test
  void hostHeaderIsCheckedOnLoopback() throws Exception {
    WebServer w = start();
    int port = w.port();
    for (String good : new String[] {"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port}) {
      assertEquals(200, Http.request(port, "GET", "/api/snapshot", good).status(), good);
    }
    for (String bad :
        new String[] {
          "attacker.example:" + port,
          "attacker.example",
          "127.0.0.1:" + (port == 1 ? 2 : port - 1),
          "localhost.attacker.example:" + port,
          "127.0.0.1.nip.io:" + port,
        }) {
      Http.Response r = Http.request(port, "GET", "/api/snapshot", bad);
      assertEquals(403, r.status(), bad);
      assertTrue(r.body().contains("Host header not allowed"), r.body());
    }
    assertEquals(403, Http.request(port, "GET", "/metrics", "attacker.example:" + port).status());
    assertEquals(
        403, Http.request(port, "GET", "/api/stream", "attacker.example:" + port).status());
    // no Host at all: refused (newer JDK updates answer 400 themselves before we see it)
    int noHost = Http.request(port, "GET", "/api/snapshot", null).status();
    assertTrue(noHost == 403 || noHost == 400, "no Host -> " + noHost);
  }

  @Test
  void tokenIsCheckedOnEveryPath() throws Exception {
    WebServer w = start(loopback(Optional.of(TOKEN), 4, 4), HistorySource.NONE);
    int port = w.port();
    for (String path :
        new String[] {
          "/", "/static/app.js", "/api/snapshot", "/api/history", "/api/stream", "/metrics", "/x"
        }) {
      Http.Response r = Http.get(port, path);
      assertEquals(401, r.status(), path);
      assertEquals("Bearer realm=\"hogwatch\"", r.header("WWW-Authenticate"));
      assertEquals(401, Http.get(port, path, "Authorization: Bearer wrong-token-123").status());
    }
    assertEquals(200, Http.get(port, "/metrics", "Authorization: Bearer " + TOKEN).status());
    assertEquals(200, Http.get(port, "/metrics?token=" + TOKEN).status());
    assertEquals(401, Http.get(port, "/metrics?token=" + TOKEN + "x").status());

    // a browser's first visit: the token moves from the address into a cookie
    Http.Response first = Http.get(port, "/?token=" + TOKEN);
    assertEquals(303, first.status());
    assertEquals("/", first.header("Location"));
    String cookie = first.header("Set-Cookie");
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    String pair = cookie.substring(0, cookie.indexOf(';'));
    assertEquals(200, Http.get(port, "/", "Cookie: other=1; " + pair).status());
    assertEquals(200, Http.get(port, "/api/snapshot", "Cookie: " + pair).status());
    assertEquals(401, Http.get(port, "/api/snapshot", "Cookie: " + pair + "x").status());
  }

  @Test
  void anyOtherAddressNeedsAToken() throws Exception {
    ServeOptions everywhere =
        new ServeOptions("0.0.0.0", 0, Optional.empty(), 8, 8).withTokenIfNeeded();
    String token = everywhere.token().orElseThrow();
    assertTrue(token.length() >= 20, token);
    assertFalse(
        new ServeOptions("0.0.0.0", 0, Optional.empty(), 8, 8)
            .withTokenIfNeeded()
            .token()
            .orElseThrow()
            .equals(token),
        "tokens are random");
    assertTrue(ServeOptions.defaults().withTokenIfNeeded().token().isEmpty());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WebServer.start(
                feed.hub,
                HistorySource.NONE,
                new ServeOptions("0.0.0.0", 0, Optional.empty(), 8, 8)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ServeOptions("127.0.0.1", 0, Optional.of("short"), 8, 8));
  }

  @Test
  void streamClientsBeyondTheBoundGet503() throws Exception {
    WebServer w = start(loopback(Optional.empty(), 2, 4), HistorySource.NONE);
    HttpClient http = HttpClient.newHttpClient();
    SseClient a = new SseClient(http, w.url().resolve("/api/stream"));
    SseClient b = new SseClient(http, w.url().resolve("/api/stream"));
    closeLater.add(a);
    closeLater.add(b);
    assertEquals(200, a.status());
    assertEquals(200, b.status());
    Http.Response third = Http.get(w.port(), "/api/stream");
    assertEquals(503, third.status());
    assertEquals("5", third.header("Retry-After"));
    assertTrue(third.body().contains("too many stream clients"), third.body());
    // other requests are not affected
    assertEquals(200, Http.get(w.port(), "/api/snapshot").status());
  }

  @Test
  void requestsBeyondTheInFlightBoundGet429() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HistorySource slow =
        (since, until, program, max) -> {
          entered.countDown();
          release.await(20, TimeUnit.SECONDS);
          return List.of();
        };
    WebServer w = start(loopback(Optional.empty(), 2, 1), slow);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<Http.Response> first = ex.submit(() -> Http.get(w.port(), "/api/history"));
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      Http.Response second = Http.get(w.port(), "/api/snapshot");
      assertEquals(429, second.status());
      assertEquals("1", second.header("Retry-After"));
      release.countDown();
      assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
      // the slot is given back just after the answer is written
      waitFor(
          () -> {
            try {
              return Http.get(w.port(), "/api/snapshot").status() == 200;
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    } finally {
      release.countDown();
      ex.shutdownNow();
    }
  }

  @Test
  void historyPassesTheQueryToTheStoreAndValidatesIt() throws Exception {
    List<Object[]> calls = new ArrayList<>();
    HistorySource fake =
        (since, until, program, max) -> {
          calls.add(new Object[] {since, until, program, max});
          return List.of(
              new SeriesPoint(Instant.ofEpochMilli(1_000), 60, 600, 1_200),
              new SeriesPoint(Instant.ofEpochMilli(61_000), 60, 60, 120));
        };
    WebServer w = start(ServeOptions.defaults(), fake);
    Http.Response r =
        Http.get(w.port(), "/api/history?since=1000&until=2026-01-01T00:00:00Z&program=fire%20fox");
    assertEquals(200, r.status(), r.body());
    JsonNode h = MAPPER.readTree(r.body());
    assertEquals(2, h.get("points").size());
    assertEquals(61_000, h.at("/points/1/t").asLong());
    assertEquals(600, h.at("/points/0/sentBytes").asLong());
    assertEquals(60.0, h.at("/points/0/seconds").asDouble());
    assertEquals("fire fox", h.get("program").asText());
    Object[] call = calls.get(0);
    assertEquals(Instant.ofEpochMilli(1_000), call[0]);
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), call[1]);
    assertEquals(Optional.of("fire fox"), call[2]);
    assertEquals(WebServer.MAX_HISTORY_POINTS, call[3]);

    Http.Response bad = Http.get(w.port(), "/api/history?since=yesterday");
    assertEquals(400, bad.status());
    assertTrue(MAPPER.readTree(bad.body()).get("error").asText().contains("not a time"));
    assertEquals(400, Http.get(w.port(), "/api/history?since=5000&until=5000").status());
    assertEquals(1, calls.size(), "invalid queries never reach the store");
  }

  @Test
  void historyWithoutAStoreSays503() throws Exception {
    WebServer w = start();
    Http.Response r = Http.get(w.port(), "/api/history?since=0");
    assertEquals(503, r.status());
    assertTrue(r.body().contains("history is not recorded"), r.body());
  }

  @Test
  void streamStartsWithTheCurrentSnapshotThenOneEventPerRefresh() throws Exception {
    WebServer w = start();
    HttpClient http = HttpClient.newHttpClient();
    SseClient c = new SseClient(http, w.url().resolve("/api/stream"));
    closeLater.add(c);
    assertEquals(200, c.status());
    Thread reader =
        new Thread(
            () -> {
              try {
                c.readAll();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "test-sse-reader");
    reader.start();
    waitFor(() -> c.events.size() >= 1);
    feed.refresh(new TraceLine("/usr/bin/curl", 10, 1000, 500, 2_000));
    feed.refresh(new TraceLine("/usr/bin/curl", 10, 1000, 900, 2_000));
    waitFor(() -> c.lastSent() == 900);
    List<Long> sent = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    synchronized (c.events) {
      for (SseClient.Event e : c.events) {
        sent.add(e.data().at("/totals/sentBytes").asLong());
        ids.add(e.id());
      }
    }
    assertEquals(List.of(100L, 500L, 900L), sent);
    assertEquals(List.of(ids.get(0), ids.get(0) + 1, ids.get(0) + 2), ids);
    c.close();
    reader.join(10_000);
    // a departed client is noticed at the next write (the Hub publishes at least once a second)
    long[] more = {1_000};
    waitFor(
        () -> {
          feed.refresh(new TraceLine("/usr/bin/curl", 10, 1000, more[0]++, 2_000));
          return w.streamClients() == 0;
        });
  }

  @Test
  void queryParserIgnoresMalformedEscapesAndCapsParameters() {
    Guard.Query q = Guard.Query.parse("/x?a=%zz&b=1&" + "c=2&".repeat(40) + "d=4");
    assertEquals(Optional.of("1"), q.first("b"));
    assertEquals(Optional.empty(), q.first("a"));
    assertEquals(Optional.empty(), q.first("d"));
    Iterator<String[]> it = q.pairs().iterator();
    assertNotNull(it.next());
    assertTrue(q.pairs().size() <= Guard.Query.MAX_PARAMS);
    assertEquals(Set.of(), Set.copyOf(Guard.Query.parse("/x").pairs()));
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(20);
    }
  }
}
