package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hogwatch.testing.HogwatchTop;
import dev.hogwatch.testing.NetnsLab;
import dev.hogwatch.testing.ShortLivedWorkload;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short-lived processes, the traffic nethogs alone loses: the real jar's {@code top --json} with
 * the real nethogs watches a {@link ShortLivedWorkload} in a {@link NetnsLab}, and what it reports
 * (attributed to the right process, unattributed, not seen by capture) is held against the veth's
 * kernel counters.
 */
class ShortLivedCaptureIT {
  @TempDir Path tmp;

  @BeforeEach
  void needs() {
    Assumptions.assumeTrue(HogwatchTop.unavailable().isEmpty(), HogwatchTop.unavailable()::get);
    Assumptions.assumeTrue(
        ShortLivedWorkload.unavailable().isEmpty(), ShortLivedWorkload.unavailable()::get);
  }

  /** Where the link's bytes ended up in {@code top --json}. */
  record Shares(
      long kernel,
      long right,
      long rightApp,
      long otherProcesses,
      long unattributed,
      long unseen,
      int seen,
      Set<String> wrongApps) {
    long reported() {
      return right + otherProcesses + unattributed + unseen;
    }

    String describe(String what, int count) {
      return String.format(
          Locale.ROOT,
          "%s: kernel %d B; right process %.1f %% (right application %.1f %%), other processes"
              + " %.1f %%, unattributed %.1f %%, not seen by capture %.1f %%; %d of %d processes"
              + " seen",
          what,
          kernel,
          100.0 * right / kernel,
          100.0 * rightApp / kernel,
          100.0 * otherProcesses / kernel,
          100.0 * unattributed / kernel,
          100.0 * unseen / kernel,
          seen,
          count);
    }
  }

  /**
   * Where the link's bytes went; {@code app} is the application the workload's processes are
   * ({@code "burst.py (python3)"}: an interpreter running a script, in no cgroup of its own).
   */
  static Shares shares(JsonNode doc, ShortLivedWorkload.Run run, String app) {
    Set<Long> pids = run.pidSet();
    long right = 0;
    long rightApp = 0;
    long other = 0;
    long unattributed = 0;
    Set<Long> seen = new HashSet<>();
    Set<String> wrongApps = new java.util.TreeSet<>();
    for (JsonNode p : doc.get("processes")) {
      long bytes = p.get("sentBytes").asLong() + p.get("receivedBytes").asLong();
      long pid = p.get("pid").asLong();
      if (pids.contains(pid)) {
        right += bytes;
        seen.add(pid);
        if (p.get("app").get("id").asText().equals(app)) {
          rightApp += bytes;
        } else {
          wrongApps.add(p.get("app").toString());
        }
      } else if (pid == 0) {
        unattributed += bytes;
      } else {
        other += bytes;
      }
    }
    JsonNode u = doc.get("unseen");
    long unseen = u.get("sentBytes").asLong() + u.get("receivedBytes").asLong();
    assertTrue(u.get("sentBytes").asLong() >= 0 && u.get("receivedBytes").asLong() >= 0);
    if (!wrongApps.isEmpty()) {
      System.out.println("workload processes named as another application: " + wrongApps);
    }
    return new Shares(
        run.totalBytes(), right, rightApp, other, unattributed, unseen, seen.size(), wrongApps);
  }

  /**
   * A workload process is its script's application, or at worst its bare interpreter's: a process
   * nethogs found itself but that exited before anyone could read its command line is known only by
   * its executable (printed, not failed). Never another program's (the "ip netns exec" that started
   * it, say).
   */
  private static void rightApplication(Shares s) {
    for (String a : s.wrongApps()) {
      assertTrue(a.contains("\"id\":\"python3\""), "workload process named as " + a + ": " + s);
    }
  }

  private static void nothingDisappears(Shares s) {
    double gap = Math.abs(s.reported() - s.kernel()) / (double) s.kernel();
    assertTrue(
        gap <= 0.02,
        "attributed + unattributed + unseen = " + s.reported() + " vs kernel " + s.kernel());
  }

  @Test
  void fortyTcpBurstsAddUpToTheKernelCounters() throws Exception {
    try (NetnsLab lab = NetnsLab.create();
        ShortLivedWorkload w = ShortLivedWorkload.start(lab, tmp)) {
      HogwatchTop top = HogwatchTop.start(lab, "28s", tmp);
      try {
        top.awaitNethogs();
        ShortLivedWorkload.Run run = w.tcpBursts(40, 512 * 1024, 200);
        JsonNode doc = top.finish();
        Shares s = shares(doc, run, "burst.py (python3)");
        System.out.println(s.describe("40 TCP bursts of 512 KB", 40));
        nothingDisappears(s);
        rightApplication(s);
      } finally {
        top.destroy();
      }
    }
  }

  @Test
  void fortyUdpLookupsAddUpToTheKernelCounters() throws Exception {
    try (NetnsLab lab = NetnsLab.create();
        ShortLivedWorkload w = ShortLivedWorkload.start(lab, tmp)) {
      HogwatchTop top = HogwatchTop.start(lab, "28s", tmp);
      try {
        top.awaitNethogs();
        ShortLivedWorkload.Run run = w.udpLookups(40, 4, 512, 200);
        JsonNode doc = top.finish();
        Shares s = shares(doc, run, "lookup.py (python3)");
        System.out.println(s.describe("40 UDP lookups (4 x 512 B answers)", 40));
        nothingDisappears(s);
        rightApplication(s);
      } finally {
        top.destroy();
      }
    }
  }
}
