package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.testing.IperfClient;
import dev.hogwatch.testing.NetnsLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real nethogs: two separate {@code hogwatch top --duration} runs (two JVMs,
 * two nethogs) in a network namespace, each while iperf3 moves data over the lab's veth; then
 * {@code hogwatch report --format json} must sum both runs to within 2 % of the kernel's counters
 * of that veth.
 */
class HistoryIT {
  @TempDir Path dir;

  @Test
  void twoTopRunsAddUpInTheReportToTheKernelCounters() throws Exception {
    Assumptions.assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
    Assumptions.assumeTrue(NetnsLab.onPath("nethogs"), "needs nethogs (apt install nethogs)");
    Assumptions.assumeTrue(NetnsLab.onPath("iperf3"), "needs iperf3 (apt install iperf3)");
    String jar = System.getProperty("hogwatch.jar");
    Assumptions.assumeTrue(jar != null && Files.exists(Path.of(jar)), "needs the packaged jar");
    Path data = dir.resolve("data");
    try (NetnsLab lab = NetnsLab.create()) {
      lab.start(lab.nsB(), dir.resolve("iperf3-server.log"), "iperf3", "-s", "-B", lab.addrB());
      IperfClient.awaitServer(lab, lab.nsA(), lab.addrB());
      long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
      long rx0 = lab.rxBytes(lab.nsA(), lab.vethA());
      // run 1 uploads, run 2 downloads (-R): both directions are checked
      topRun(lab, jar, data, 1, "-c", lab.addrB(), "-t", "3", "-b", "16M");
      topRun(lab, jar, data, 2, "-c", lab.addrB(), "-t", "3", "-b", "16M", "-R");
      long sent = lab.txBytes(lab.nsA(), lab.vethA()) - tx0;
      long received = lab.rxBytes(lab.nsA(), lab.vethA()) - rx0;

      Process report =
          new ProcessBuilder(
                  java(), "-jar", jar, "report", "--data-dir", data.toString(), "--format", "json")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String json = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(report.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, report.exitValue(), json);
      JsonNode j = new ObjectMapper().readTree(json);
      long hSent = j.at("/totals/sentBytes").asLong();
      long hReceived = j.at("/totals/receivedBytes").asLong();
      System.out.printf(
          "history %d/%d bytes sent/received, kernel %d/%d (%.2f%% / %.2f%%)%n%s%n",
          hSent,
          hReceived,
          sent,
          received,
          100.0 * (hSent - sent) / sent,
          100.0 * (hReceived - received) / received,
          json);
      assertTrue(sent > 4_000_000 && received > 4_000_000, "both runs moved data (6 MB each)");
      assertEquals((double) sent, (double) hSent, sent * 0.02, "sent: history vs kernel tx_bytes");
      assertEquals(
          (double) received, (double) hReceived, received * 0.02, "received: history vs kernel");
      long programsSent = 0;
      for (JsonNode p : j.get("programs")) {
        programsSent += p.get("sentBytes").asLong();
      }
      assertEquals(hSent, programsSent, "programs add up to the total");
      assertTrue(json.contains("\"name\":\"iperf3\""), "iperf3 is named: " + json);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** One {@code top --duration 9s} in namespace A while iperf3 runs {@code iperf} from A. */
  private void topRun(NetnsLab lab, String jar, Path data, int n, String... iperf)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            NetnsLab.inNs(
                lab.nsA(),
                java(),
                "-jar",
                jar,
                "top",
                "--duration",
                "9s",
                "--json",
                "--devices",
                lab.vethA(),
                "--data-dir",
                data.toString()));
    Path log = dir.resolve("top" + n + ".log");
    Process top =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitNethogs(lab, top);
      List<String> client = new ArrayList<>(List.of("iperf3"));
      client.addAll(List.of(iperf));
      lab.run(lab.nsA(), 30, client.toArray(new String[0]));
      assertTrue(top.waitFor(60, TimeUnit.SECONDS), "top ends after --duration");
      assertEquals(0, top.exitValue(), Files.readString(log));
    } finally {
      top.descendants().forEach(ProcessHandle::destroyForcibly);
      top.destroyForcibly();
    }
  }

  /** Waits until nethogs runs in namespace A and has had a moment to open its capture. */
  private static void awaitNethogs(NetnsLab lab, Process top) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && top.isAlive()) {
      boolean running =
          top.descendants()
              .anyMatch(p -> p.info().command().map(c -> c.endsWith("nethogs")).orElse(false));
      if (running) {
        Thread.sleep(1500); // pcap open and first block
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("nethogs did not start in " + lab.nsA());
  }
}
