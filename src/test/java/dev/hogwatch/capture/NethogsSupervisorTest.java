package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.CaptureStatus.State;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The supervisor against hand-written fake nethogs scripts: crashes mid-block, the capability
 * failure, a missing binary, a missing device, planned restarts. Each script run is one nethogs
 * instance; a counter file tells the runs apart.
 */
class NethogsSupervisorTest extends FakeNethogsTest {
  private static final NethogsSupervisor.Settings FAST =
      new NethogsSupervisor.Settings(
          Duration.ofHours(1), 1_000_000, Duration.ofMillis(100), Duration.ofMillis(800));

  NethogsSupervisorTest() {
    super(true, Duration.ofSeconds(15));
  }

  private static long sent(Snapshot s, String name) {
    return s.processes().stream()
        .filter(p -> p.name().equals(name))
        .mapToLong(ProcessStat::sentBytes)
        .sum();
  }

  @Test
  void aBlockIsHandedOnOncePrintedNotWhenTheNextOneComes() throws Exception {
    // one block, then four seconds before the next: the bytes must not wait for it
    Path nh =
        script(
            """
            echo 'Adding local address: 10.1.1.1'
            printf '\nRefreshing:\ncurl/42/0\t1000\t10\nunknown TCP/0/0\t0\t0\n'
            sleep 4
            printf '\nRefreshing:\ncurl/42/0\t2000\t20\nunknown TCP/0/0\t0\t0\n'
            sleep 30
            """);
    long started = System.nanoTime();
    java.time.Instant before = java.time.Instant.now();
    try (NethogsSupervisor s = NethogsSupervisor.start(nh, List.of("eth9"), hub, FAST)) {
      Snapshot first = await(x -> sent(x, "curl") == 1000, "the first block");
      double waited = (System.nanoTime() - started) / 1e9;
      assertTrue(waited < 3, "handed on after " + waited + " s, before the next header");
      // stamped with when the block was printed, not later
      assertTrue(!first.time().isBefore(before), first.time() + " vs " + before);
      assertTrue(
          first.time().isBefore(before.plusMillis((long) (waited * 1000) + 1)),
          first.time() + " after the wait");
      await(x -> sent(x, "curl") == 2000, "the second block");
      assertTrue(s.pid().isPresent(), "the fake nethogs still runs");
    }
  }

  @Test
  void dyingMidBlockIsRestartedWithBackoffAndTotalsCarryOver() throws Exception {
    // run 1: two blocks, a third cut off mid-block, exit 7 with a message; run 2: keeps running
    Path nh =
        script(
            """
            echo 'Adding local address: 10.1.1.1'
            echo 'Ethernet link detected'
            if [ $n -eq 1 ]; then
              printf '\\nRefreshing:\\ncurl/42/0\\t1000\\t10\\nunknown TCP/0/0\\t0\\t0\\n'
              sleep 0.2
              printf '\\nRefreshing:\\ncurl/42/0\\t3000\\t30\\nunknown TCP/0/0\\t0\\t0\\n'
              sleep 0.2
              printf '\\nRefreshing:\\ncurl/42/0\\t5000\\t50\\ncurl/4'
              echo 'segfault in pcap' >&2
              exit 7
            fi
            printf '\\nRefreshing:\\ncurl/42/0\\t700\\t7\\nunknown TCP/0/0\\t0\\t0\\n'
            printf '\\nRefreshing:\\n'
            exec sleep 60
            """);
    try (NethogsSupervisor s = NethogsSupervisor.start(nh, List.of("eth9"), hub, FAST)) {
      Snapshot crash =
          await(x -> x.capture().state() == State.RESTARTING, "RESTARTING after the crash");
      assertTrue(crash.capture().message().contains("code 7"), crash.capture().message());
      assertTrue(crash.capture().message().contains("segfault in pcap"), crash.capture().message());
      Snapshot after =
          await(
              x -> x.capture().state() == State.RUNNING && sent(x, "curl") == 5700,
              "restarted, 5000 from run 1 (its cut block included) + 700 from run 2");
      assertEquals(1, after.restarts());
      assertTrue(s.pid().isPresent(), "the second nethogs is running");
      hub.flush();
      assertEquals(5700, sent(hub.latest(), "curl"), "no double count, no reset");
      assertEquals(57, hub.latest().totals().receivedBytes());
    }
    assertEquals(
        List.of("-t -v 2 -C -d 1 eth9", "-t -v 2 -C -d 1 eth9"),
        Files.readAllLines(dir.resolve("args")));
  }

  @Test
  void capabilityMessageAndExitOneIsNoPermissionWithTheSetcapFix() throws Exception {
    // nethogs/README.md §8: startup lines on stdout, then the hint on stderr, exit 1
    Path nh =
        script(
            "echo 'Adding local address: 10.1.1.1'\n"
                + "echo 'Error opening handler for device nhv1' >&2\n"
                + "echo 'To run nethogs without being root, you need to enable capabilities on the"
                + " program (cap_net_admin, cap_new_raw). See the documentation for details.' >&2\n"
                + "echo 'Error opening pcap handlers for all devices.' >&2\n"
                + "echo >&2\n"
                + "exit 1\n");
    try (NethogsSupervisor s = NethogsSupervisor.start(nh, List.of(), hub, FAST)) {
      Snapshot x = await(y -> y.capture().state() == State.NO_PERMISSION, "NO_PERMISSION");
      // a script in a temporary directory is no root-controlled nethogs: no setcap for it
      // (NethogsTrustTest), but the reason and the system nethogs
      assertTrue(
          x.capture().fix().contains("(no capabilities for " + nh.toAbsolutePath() + ": "),
          x.capture().fix());
      assertTrue(x.capture().fix().contains("is not a program (ELF) file"), x.capture().fix());
      assertEquals(nh.toAbsolutePath().toString(), s.nethogsPath());
    }
  }

  @Test
  void missingBinaryIsNotInstalledWithTheAptFix() throws Exception {
    Path missing = dir.resolve("no-such-nethogs");
    try (NethogsSupervisor s = NethogsSupervisor.start(missing, List.of(), hub, FAST)) {
      Snapshot x = await(y -> y.capture().state() == State.NOT_INSTALLED, "NOT_INSTALLED");
      assertEquals("sudo apt install nethogs", x.capture().fix());
      assertTrue(x.capture().message().contains(missing.toString()), x.capture().message());
      // installing it later and asking again starts capture
      script(
          "printf '\\nRefreshing:\\nunknown TCP/0/0\\t0\\t0\\n\\nRefreshing:\\n'\nexec sleep 60\n");
      Files.move(dir.resolve("nethogs"), missing);
      s.restart();
      await(y -> y.capture().state() == State.RUNNING, "RUNNING once installed");
    }
  }

  @Test
  void noDeviceIsReportedWithTheDevicesThatExist() throws Exception {
    Path nh =
        script(
            "echo \"No devices to monitor. Use '-a' to allow monitoring loopback interfaces or"
                + " devices that are not up/running\" >&2\nexit 1\n");
    try (NethogsSupervisor s = NethogsSupervisor.start(nh, List.of("nosuchdev0"), hub, FAST)) {
      Snapshot x = await(y -> y.capture().state() == State.NO_DEVICE, "NO_DEVICE");
      assertTrue(x.capture().message().contains("nosuchdev0"), x.capture().message());
      assertTrue(s.devices().contains("nosuchdev0"));
    }
  }

  @Test
  void setDevicesRestartsWithTheNewListAndCarriesTotals() throws Exception {
    // each run reports 100 more bytes than it started with: totals restart from 0 per instance
    Path nh =
        script(
            """
            printf '\\nRefreshing:\\nssh/7/1000\\t100\\t1\\nunknown TCP/0/0\\t0\\t0\\n'
            printf '\\nRefreshing:\\n'
            exec sleep 60
            """);
    try (NethogsSupervisor s = NethogsSupervisor.start(nh, List.of(), hub, FAST)) {
      await(x -> sent(x, "ssh") == 100, "first instance");
      s.setDevices(List.of("lo", "eth0"));
      await(x -> sent(x, "ssh") == 200, "second instance added on top");
      assertEquals(List.of("lo", "eth0"), s.devices());
      hub.flush();
      assertTrue(
          seen.stream().noneMatch(x -> x.capture().state() == State.RESTARTING),
          "a planned restart is not a crash");
    }
    assertEquals(
        List.of("-t -v 2 -C -d 1", "-t -v 2 -C -d 1 -a lo eth0"),
        Files.readAllLines(dir.resolve("args")));
  }

  @Test
  void restartAfterManyLinesBoundsNethogsMemoryWithoutLosingBytes() throws Exception {
    // a nethogs printing forever; restart after 12 lines (startup + 3 blocks of 3 lines)
    Path nh =
        script(
            """
            echo 'Adding local address: 10.1.1.1'
            i=0
            while true; do
              i=$((i+1))
              printf '\\nRefreshing:\\nwget/9/0\\t%d\\t0\\nunknown TCP/0/0\\t0\\t0\\n' $((i*10))
              sleep 0.05
            done
            """);
    NethogsSupervisor.Settings every12 =
        new NethogsSupervisor.Settings(
            Duration.ofHours(1), 12, Duration.ofMillis(100), Duration.ofMillis(800));
    try (NethogsSupervisor s = NethogsSupervisor.start(nh, List.of(), hub, every12)) {
      Snapshot x = await(y -> y.restarts() >= 3, "three planned restarts");
      assertTrue(s.nethogsPath().endsWith("nethogs"));
      // each instance gets to at least 30 (its third block) before it is stopped at line 12
      assertTrue(sent(x, "wget") >= 90, "totals kept across restarts: " + sent(x, "wget"));
    }
    hub.flush();
    assertTrue(
        seen.stream().noneMatch(y -> y.capture().state() == State.RESTARTING),
        "planned restarts are not crashes");
  }
}
