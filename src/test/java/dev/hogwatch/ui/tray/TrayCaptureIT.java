package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.testing.IperfClient;
import dev.hogwatch.testing.NetnsLab;
import dev.hogwatch.testing.WarmUp;
import dev.hogwatch.testing.XSession;
import java.awt.Rectangle;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tray on real traffic, end to end: Hogwatch runs as an ordinary user inside namespace A of a
 * {@link NetnsLab} (its window on a private Xvfb with trayer), capturing the veth with a copy of
 * the real nethogs that has the capabilities the README recommends; that user's iperf3 uploads to
 * namespace B. The program must then appear in the native menu, as the panel shows it, with the
 * bytes the kernel counted on the veth (within 2 %).
 */
class TrayCaptureIT {
  private static final Pattern BYTES =
      Pattern.compile("↓ ([0-9.]+) (B|kB|MB|GB)  ↑ ([0-9.]+) (B|kB|MB|GB)");

  @Test
  void anUploadInANamespaceShowsInTheNativeMenuWithTheKernelsBytes() throws Exception {
    assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
    assumeTrue(NetnsLab.unavailable().isEmpty(), () -> NetnsLab.unavailable().get());
    assumeTrue(NetnsLab.onPath("iperf3"), "needs iperf3 (apt install iperf3)");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nethogs")), "needs nethogs");
    String jar = System.getProperty("hogwatch.jar", "");
    assumeTrue(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)), "hogwatch.jar not built");
    try (NetnsLab lab = NetnsLab.create();
        XSession x = XSession.start(XSession.Panel.LIGHT, true)) {
      Path userJar = x.userCopy(Path.of(jar));
      Path nethogs = x.userCopy(Path.of("/usr/sbin/nethogs"));
      Process setcap =
          new ProcessBuilder(
                  "setcap",
                  "cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep",
                  nethogs.toString())
              .inheritIO()
              .start();
      assertEquals(0, setcap.waitFor(), "setcap on " + nethogs);
      lab.start(lab.nsB(), x.dir().resolve("server.log"), "iperf3", "-s", "-B", lab.addrB());
      IperfClient.awaitServer(lab, lab.nsA(), lab.addrB());

      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(TrayIT.LAUNCHER_OPTIONS);
      cmd.addAll(
          List.of(
              "-jar",
              userJar.toString(),
              "--nethogs",
              nethogs.toString(),
              "--devices",
              lab.vethA()));
      Process app =
          x.runAsUserIn(
              lab.nsA(), x.dir().resolve("app.log"), Map.of(), cmd.toArray(String[]::new));
      Rectangle icon =
          x.waitForTrayIcon(30_000)
              .orElseThrow(() -> new AssertionError("no tray icon:\n" + x.log("app.log")));
      TrayIT.waitForNethogs(app, nethogs);
      // the capture is live once the user's short warm-up upload (python3) is in the menu: the
      // measured upload then starts on a running capture
      lab.start(lab.nsB(), x.dir().resolve("sink.log"), "/usr/bin/python3", "-c", WarmUp.sink(lab));
      boolean live = false;
      List<String> lastSeen = List.of();
      for (int i = 0; i < 5 && !live; i++) {
        Process warm =
            x.runAsUserIn(
                lab.nsA(),
                x.dir().resolve("warmup.log"),
                Map.of(),
                "/usr/bin/python3",
                "-c",
                WarmUp.send(lab));
        assertTrue(warm.waitFor(30, TimeUnit.SECONDS), "warm-up upload hung");
        for (int k = 0; k < 4 && !live; k++) {
          lastSeen = TrayIT.topLevel(openMenu(x, icon)).stream().map(m -> m.name()).toList();
          // the application's name: "python3", or the name of a python3 .desktop file here
          live = lastSeen.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("python"));
        }
      }
      assertTrue(
          live,
          "the warm-up upload never showed in the menu " + lastSeen + ":\n" + x.log("app.log"));
      x.key("Escape");

      long tx0 = lab.txBytes(lab.nsA(), lab.vethA());
      long rx0 = lab.rxBytes(lab.nsA(), lab.vethA());
      // the same ordinary user's iperf3: nethogs with file capabilities ties only its own user's
      // sockets to processes (nethogs/README.md §8)
      Process client =
          x.runAsUserIn(
              lab.nsA(),
              x.dir().resolve("iperf3.log"),
              Map.of(),
              dev.hogwatch.testing.IperfClient.upload(lab, "12M", "30M"));
      assertTrue(client.waitFor(60, TimeUnit.SECONDS), "iperf3 did not finish");
      assertEquals(0, client.exitValue(), x.log("iperf3.log"));
      Thread.sleep(1500);
      long sent = lab.txBytes(lab.nsA(), lab.vethA()) - tx0;
      long received = lab.rxBytes(lab.nsA(), lab.vethA()) - rx0;
      System.out.printf(Locale.ROOT, "tray capture: kernel sent %d, received %d%n", sent, received);
      // the menu as the panel shows it, opened afresh until iperf3's numbers have settled (both
      // directions: the ACKs' bytes arrive in nethogs's block after the last upload bytes)
      List<XSession.MenuItem> shown = List.of();
      for (int i = 0; i < 10; i++) {
        shown = openMenu(x, icon);
        if (TrayIT.topLevel(shown).stream()
            .anyMatch(
                m ->
                    m.name().startsWith("iperf3   ")
                        && within(up(m.name()), sent, 0.02)
                        && within(down(m.name()), received, 0.02))) {
          break;
        }
      }
      List<XSession.MenuItem> menu = shown;
      x.screenshot(x.dir().resolve("capture-menu.png"));
      Files.copy(
          x.dir().resolve("capture-menu.png"),
          Path.of("target", "tray-capture-menu.png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String label =
          TrayIT.topLevel(menu).stream()
              .map(XSession.MenuItem::name)
              .filter(n -> n.startsWith("iperf3   "))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no iperf3 in the menu: " + menu));
      System.out.printf(
          Locale.ROOT, "tray menu: %s; kernel sent %d, received %d%n", label, sent, received);
      assertTrue(within(up(label), sent, 0.02), label + " vs kernel sent " + sent);
      assertTrue(within(down(label), received, 0.02), label + " vs kernel received " + received);
      assertTrue(TrayIT.submenu(menu, "iperf3   ").contains("command iperf3"), menu.toString());
    }
  }

  /** Closes the menu if it is open, opens it with a click and reads it over AT-SPI. */
  private static List<XSession.MenuItem> openMenu(XSession x, Rectangle icon) throws Exception {
    if (!TrayIT.waitForPopup(x, 1).isEmpty()) {
      x.key("Escape");
      Thread.sleep(300);
    }
    for (int attempt = 0; ; attempt++) {
      x.click(icon.x + icon.width / 2, icon.y + icon.height / 2, 1);
      assertFalse(TrayIT.waitForPopup(x).isEmpty(), "no menu opened");
      try {
        return TrayIT.waitForNativeMenu(x, m -> TrayIT.topLevel(m).size() >= 8);
      } catch (AssertionError notAnnounced) {
        // GTK announces a menu to the accessibility bus when it is mapped: map it once more
        if (attempt == 2) {
          throw notAnnounced;
        }
        x.key("Escape");
        Thread.sleep(500);
      }
    }
  }

  /** The sent bytes a menu label shows ("iperf3 ↓ 15.3 kB ↑ 12.6 MB · 0 B/s"), or -1. */
  static long up(String label) {
    Matcher m = BYTES.matcher(label);
    return m.find() ? bytes(m.group(3), m.group(4)) : -1;
  }

  static long down(String label) {
    Matcher m = BYTES.matcher(label);
    return m.find() ? bytes(m.group(1), m.group(2)) : -1;
  }

  private static long bytes(String number, String unit) {
    int power = List.of("B", "kB", "MB", "GB").indexOf(unit) * 3;
    return new BigDecimal(number).movePointRight(power).longValue();
  }

  /** Whether {@code shown} is within {@code fraction} of {@code kernel}. */
  static boolean within(long shown, long kernel, double fraction) {
    return shown >= 0 && Math.abs(shown - kernel) <= fraction * kernel;
  }
}
