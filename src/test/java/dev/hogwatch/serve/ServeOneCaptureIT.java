package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar's {@code hogwatch serve} with a fake nethogs (a shell script that prints trace
 * blocks and records every start): 100 concurrent stream clients and a Prometheus scrape are served
 * by one nethogs process, every client receives every refresh, and stopping the server stops that
 * nethogs.
 */
class ServeOneCaptureIT {
  static final int CLIENTS = 100;

  @Test
  void hundredViewersShareOneNethogs() throws Exception {
    String jar = System.getProperty("hogwatch.jar");
    assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "needs the shaded jar (verify)");
    Path dir = Files.createTempDirectory("hogwatch-serve-it-");
    Path starts = dir.resolve("starts");
    Path fake = dir.resolve("nethogs");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "# fake nethogs -t: records its pid, then prints a block every 0.2 s\n"
            + "echo $$ >> '"
            + starts
            + "'\n"
            + "echo 'Adding local address: 10.0.0.1'\n"
            + "echo 'Ethernet link detected'\n"
            + "i=0\n"
            + "while true; do\n"
            + "  i=$((i+1))\n"
            + "  printf '\\nRefreshing:\\n/usr/bin/fake/4242/0\\t%d\\t%d\\nunknown TCP/0/0\\t0\\t0\\n'"
            + " $((i*1000)) $((i*500))\n"
            + "  sleep 0.2\n"
            + "done\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server =
        new ProcessBuilder(
                java,
                "-jar",
                jar,
                "serve",
                "--nethogs",
                fake.toString(),
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .start();
    ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
    List<SseClient> clients = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      StringBuilder before = new StringBuilder();
      while (first != null && !first.startsWith("Hogwatch web view: ")) {
        before.append(first).append('\n');
        first = out.readLine();
      }
      assertTrue(first != null, "no address printed; output was:\n" + before);
      Matcher m = Pattern.compile("(http://\\S+/)").matcher(first);
      assertTrue(m.find(), first);
      URI base = URI.create(m.group(1));
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (out.readLine() != null) {
                    // keep the pipe flowing
                  }
                } catch (java.io.IOException e) {
                  // server gone
                }
              },
              "test-serve-output");
      drain.setDaemon(true);
      drain.start();

      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < CLIENTS; i++) {
        SseClient c = new SseClient(http, base.resolve("/api/stream"));
        assertEquals(200, c.status());
        clients.add(c);
        var unused =
            readers.submit(
                () -> {
                  c.readAll();
                  return null;
                });
      }
      // every client sees every event from the moment all are connected: same ids, no gaps
      WebServerTest.waitFor(() -> clients.stream().allMatch(c -> !c.events.isEmpty()));
      long from = clients.stream().mapToLong(ServeOneCaptureIT::lastId).max().orElseThrow();
      long to = from + 10;
      WebServerTest.waitFor(() -> clients.stream().allMatch(c -> lastId(c) >= to));
      for (SseClient c : clients) {
        List<Long> ids = new ArrayList<>();
        synchronized (c.events) {
          for (SseClient.Event e : c.events) {
            if (e.id() >= from && e.id() <= to) {
              ids.add(e.id());
            }
          }
        }
        List<Long> want = new ArrayList<>();
        for (long id = from; id <= to; id++) {
          want.add(id);
        }
        assertEquals(want, ids);
      }
      assertTrue(
          clients.get(0).lastSent() > 0, "the fake nethogs's bytes arrive through the stream");

      PromText metrics = PromText.parse(Http.get(base.getPort(), "/metrics").body());
      assertEquals(1.0, metrics.value("hogwatch_capture_up", Map.of()).orElseThrow());
      assertTrue(
          metrics
                  .value(
                      "hogwatch_sent_bytes_total",
                      Map.of("program", "/usr/bin/fake", "user", "root"))
                  .orElseThrow()
              > 0);
      assertEquals(
          (double) CLIENTS, metrics.value("hogwatch_stream_clients", Map.of()).orElseThrow());

      List<String> started = Files.readAllLines(starts);
      assertEquals(1, started.size(), "one nethogs for " + CLIENTS + " viewers: " + started);
      long pid = Long.parseLong(started.get(0).trim());
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

      server.destroy(); // SIGTERM, as Ctrl-C or systemd would
      assertTrue(server.waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
      WebServerTest.waitFor(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    } finally {
      clients.forEach(SseClient::close);
      readers.shutdownNow();
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
      for (String line : Files.exists(starts) ? Files.readAllLines(starts) : List.<String>of()) {
        ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.<Path>reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static long lastId(SseClient c) {
    synchronized (c.events) {
      return c.events.isEmpty() ? -1 : c.events.get(c.events.size() - 1).id();
    }
  }
}
