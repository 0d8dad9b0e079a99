package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.TraceLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against the web server (issue 17, points 2, 3, 10, 11): stream clients that stop
 * reading, connections that send their headers slowly, oversized heads, a server on another
 * loopback address. Loopback only; bounded in connections and time.
 */
class HostileServerTest {
  private Feed feed;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void setUp() {
    feed = new Feed();
  }

  @AfterEach
  void tearDown() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
    feed.close();
  }

  private Socket connect(int port, String head, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    OutputStream out = s.getOutputStream();
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return s;
  }

  /** A refresh whose JSON is about 100 KB: many processes with long names. */
  private void bigRefresh(int round) {
    TraceLine[] lines = new TraceLine[500];
    for (int i = 0; i < lines.length; i++) {
      lines[i] =
          new TraceLine(
              "/usr/lib/some/rather/long/path/to/a/program-" + i + " --with --many --arguments",
              1000 + i,
              1000,
              (round + 1) * 1000.0 * (i + 1),
              (round + 1) * 2000.0 * (i + 1));
    }
    feed.refresh(lines);
  }

  @Test
  void streamClientsThatStopReadingAreDroppedAndTheirSlotsFreed() throws Exception {
    ServeOptions o = new ServeOptions("127.0.0.1", 0, Optional.empty(), 6, 16);
    try (WebServer web = WebServer.start(feed.hub, HistorySource.NONE, o)) {
      web.writeTimeout(Duration.ofSeconds(2));
      String get = "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:" + web.port() + "\r\n\r\n";
      for (int i = 0; i < 6; i++) {
        connect(web.port(), get, 1024); // never read
      }
      WebServerTest.waitFor(() -> web.streamClients() == 6);
      // megabytes per client: far more than the socket buffers hold
      for (int round = 0; round < 80; round++) {
        bigRefresh(round);
        feed.flush();
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      int status = 503;
      while (System.nanoTime() < deadline && status == 503) {
        Thread.sleep(250);
        status = streamStatus(web.port());
      }
      assertEquals(200, status, "a new stream client still gets 503: slots held by stuck clients");
      WebServerTest.waitFor(() -> web.streamClients() <= 1);
    }
  }

  /** Status of a new stream request (the connection is closed after the status line). */
  private static int streamStatus(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              ("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      String[] parts = line.toString().split(" ", -1);
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
  }

  @Test
  void slowHeadersDoNotStarveOrdinaryClients() throws Exception {
    try (WebServer web =
        WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      feed.refresh(new TraceLine("iperf3", 42, 0, 10, 20));
      feed.flush();
      for (int i = 0; i < 300; i++) {
        // the request line and one header, then nothing: the head never ends
        connect(web.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + web.port() + "\r\n", 0);
      }
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        Http.Response r = Http.get(web.port(), "/api/snapshot");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status());
        assertTrue(ms < 3000, "an ordinary request took " + ms + " ms under slow clients");
      }
    }
  }

  @Test
  void slowHeadersAreCutOffAfterTheHeaderTimeout() throws Exception {
    try (WebServer web =
        WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      Socket s = connect(web.port(), "GET / HTTP/1.1\r\n", 0);
      s.setSoTimeout(20_000);
      long t0 = System.nanoTime();
      int got;
      try {
        got = s.getInputStream().read(); // -1 (closed) or the first byte of an error answer
      } catch (IOException e) {
        got = -2; // reset: closed as well
      }
      long s0 = (System.nanoTime() - t0) / 1_000_000_000L;
      assertTrue(got == -1 || got == -2 || got == 'H', "got " + got);
      assertTrue(s0 <= 15, "a head that never ends held its connection " + s0 + " s");
    }
  }

  @Test
  void oversizedHeadsAreAnsweredNotReset() throws Exception {
    try (WebServer web =
        WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      int port = web.port();
      assertEquals(431, Http.get(port, "/api/snapshot", "X-Big: " + "a".repeat(100_000)).status());
      String[] many = new String[3000];
      for (int i = 0; i < many.length; i++) {
        many[i] = "X-H" + i + ": v";
      }
      assertEquals(431, Http.get(port, "/api/snapshot", many).status());
      assertEquals(414, Http.get(port, "/api/snapshot?x=" + "a".repeat(100_000)).status());
      // and the server still answers
      assertEquals(200, Http.get(port, "/api/snapshot").status());
    }
  }

  @Test
  void aServerOnAnotherLoopbackAddressAnswersItsOwnUrl() throws Exception {
    ServeOptions o = new ServeOptions("127.0.0.2", 0, Optional.empty(), 4, 4);
    try (WebServer web = WebServer.start(feed.hub, HistorySource.NONE, o)) {
      assertEquals("127.0.0.2", web.url().getHost());
      try (Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), web.port())) {
        s.setSoTimeout(10_000);
        s.getOutputStream()
            .write(
                ("GET / HTTP/1.1\r\nHost: 127.0.0.2:"
                        + web.port()
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 200", head);
      }
    }
  }

  @Test
  void theTokenCookieIsNamedPerPortAndAnotherPortsCookieIsRefused() throws Exception {
    ServeOptions o = new ServeOptions("127.0.0.1", 0, Optional.of("s3cret-token"), 4, 4);
    try (WebServer web = WebServer.start(feed.hub, HistorySource.NONE, o)) {
      int port = web.port();
      Http.Response first = Http.get(port, "/?token=s3cret-token");
      assertEquals(303, first.status());
      assertTrue(
          first.header("set-cookie").startsWith("hogwatch_token_" + port + "=s3cret-token;"),
          first.header("set-cookie"));
      assertEquals(
          401, Http.get(port, "/api/snapshot", "Cookie: hogwatch_token_1=s3cret-token").status());
      assertEquals(
          200,
          Http.get(port, "/api/snapshot", "Cookie: hogwatch_token_" + port + "=s3cret-token")
              .status());
    }
  }

  @Test
  void oneAddressCannotHoldMoreThanItsShare() throws Exception {
    try (WebServer web =
        WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      web.perAddressLimit(3, true);
      String get = "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:" + web.port() + "\r\n\r\n";
      for (int i = 0; i < 3; i++) {
        connect(web.port(), get, 0);
      }
      WebServerTest.waitFor(() -> web.streamClients() == 3);
      Http.Response r = Http.get(web.port(), "/api/snapshot");
      assertEquals(429, r.status());
      assertEquals("5", r.header("retry-after"));
      web.perAddressLimit(WebServer.PER_ADDRESS, false); // loopback exempt again
      assertEquals(200, Http.get(web.port(), "/api/snapshot").status());
    }
  }

  @Test
  void aProgramNameWithNulIsRefused() throws Exception {
    try (WebServer web =
        WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      assertEquals(400, Http.get(web.port(), "/api/history?program=a%00b").status());
    }
  }
}
