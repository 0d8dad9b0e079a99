package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogwatch.model.TraceLine;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * 100 concurrent {@code /api/stream} clients on loopback, all served by one Hub: every client
 * receives every refresh, in order, without gaps. Prints (does not assert) how long the last
 * refresh took to reach all clients and the CPU used.
 */
class StreamFanOutTest {
  private static final Logger LOG = Logger.getLogger(StreamFanOutTest.class.getName());

  static final int CLIENTS = 100;
  static final int REFRESHES = 20;

  @Test
  void everyClientReceivesEveryRefresh() throws Exception {
    ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
    List<SseClient> clients = new ArrayList<>();
    try (Feed feed = new Feed();
        WebServer web =
            WebServer.start(feed.hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      feed.refresh(new TraceLine("iperf3", 42, 0, 0, 0));
      feed.flush();
      HttpClient http = HttpClient.newHttpClient();
      URI stream = web.url().resolve("/api/stream");
      List<Future<?>> reading = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        SseClient c = new SseClient(http, stream);
        assertEquals(200, c.status());
        clients.add(c);
        reading.add(
            readers.submit(
                () -> {
                  c.readAll();
                  return null;
                }));
      }
      WebServerTest.waitFor(
          () ->
              web.streamClients() == CLIENTS && clients.stream().allMatch(c -> c.lastSent() == 0));

      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      long lastSubmit = 0;
      for (int k = 1; k <= REFRESHES; k++) {
        lastSubmit = System.nanoTime();
        feed.refresh(new TraceLine("iperf3", 42, 0, k * 1000.0, k * 2000.0));
        Thread.sleep(10);
      }
      long expected = REFRESHES * 1000L;
      WebServerTest.waitFor(() -> clients.stream().allMatch(c -> c.lastSent() == expected));
      long allReceived = System.nanoTime();
      long cpu = os.getProcessCpuTime() - cpu0;

      for (SseClient c : clients) {
        List<Long> sent = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        synchronized (c.events) {
          for (SseClient.Event e : c.events) {
            sent.add(e.data().at("/totals/sentBytes").asLong());
            ids.add(e.id());
          }
        }
        List<Long> want = new ArrayList<>();
        List<Long> wantIds = new ArrayList<>();
        for (int k = 0; k <= REFRESHES; k++) {
          want.add(k * 1000L);
          wantIds.add(ids.get(0) + k);
        }
        assertEquals(want, sent, "every refresh, in order, once");
        assertEquals(wantIds, ids, "event ids without gaps");
      }
      LOG.info(
          String.format(
              "%d stream clients x %d refreshes: last refresh reached all clients in %.1f ms;"
                  + " %.0f ms CPU over %.0f ms (whole test JVM, clients included)",
              CLIENTS,
              REFRESHES,
              (allReceived - lastSubmit) / 1e6,
              cpu / 1e6,
              (allReceived - t0) / 1e6));
      clients.forEach(SseClient::close);
      for (Future<?> f : reading) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      readers.shutdownNow();
    }
  }
}
