package dev.hogwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.testing.XSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts the way a user meets them: the real jar in tray mode as an ordinary user, a private
 * session D-Bus ({@code dbus-daemon}) with a real notification server ({@code dunst}) on a private
 * Xvfb, the demo trace recorded into a data dir crossing a small daily cap. Exactly one
 * notification with the right numbers; a restart gives no second one; its action opens the window;
 * without a notification service the tray's status line says it.
 */
class AlertsNotifyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Path jar;
  private Path userJar; // the jar copied once where the test user can read it

  @BeforeEach
  void needs() {
    assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
    for (String tool : List.of("dbus-daemon", "dunst", "dunstctl")) {
      assumeTrue(
          Files.isExecutable(Path.of("/usr/bin", tool)),
          tool + " is not installed (run .dev/setup-dev.sh)");
    }
    String p = System.getProperty("hogwatch.jar", "");
    assumeTrue(!p.isEmpty() && Files.isRegularFile(Path.of(p)), "hogwatch.jar not built");
    jar = Path.of(p);
  }

  /** Runs {@code cmd} as the test user on {@code bus}; returns its output. */
  private static String asUser(XSession x, String bus, String... cmd)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", x.user(), "--", "env", "-i"));
    Map<String, String> env = x.userEnv();
    env.put("DBUS_SESSION_BUS_ADDRESS", bus);
    env.forEach((k, v) -> full.add(k + "=" + v));
    full.addAll(List.of(cmd));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + List.of(cmd));
    }
    return out;
  }

  private static String bus(XSession x, String name) throws Exception {
    Path conf = x.dir().resolve("session-bus.conf");
    Files.copy(
        Path.of("src/test/resources/alerts/session-bus.conf"),
        conf,
        StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    Path log = x.dir().resolve(name + ".log");
    x.runAsUser(log, "dbus-daemon", "--config-file=" + conf, "--nofork", "--print-address=1");
    waitFor(20, () -> x.log(name + ".log").contains("unix:"), () -> x.log(name + ".log"));
    return x.log(name + ".log")
        .lines()
        .filter(l -> l.startsWith("unix:"))
        .findFirst()
        .orElseThrow();
  }

  private static Process dunst(XSession x, String bus) throws Exception {
    Path rc = x.dir().resolve("dunstrc");
    Files.copy(
        Path.of("src/test/resources/alerts/dunstrc"), rc, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-r--r--"));
    Process d =
        x.runAsUser(
            x.dir().resolve("dunst.log"),
            Map.of("DBUS_SESSION_BUS_ADDRESS", bus),
            "dunst",
            "-config",
            rc.toString());
    waitFor(
        20,
        () -> count(x, bus, "displayed") == 0,
        () -> "dunst did not start: " + x.log("dunst.log"));
    return d;
  }

  private static int count(XSession x, String bus, String what) {
    try {
      String out = asUser(x, bus, "dunstctl", "count", what).strip();
      return out.matches("\\d+") ? Integer.parseInt(out) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Process hogwatch(XSession x, String bus, Path data, String log, String... more)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhogwatch.tray.dump=" + data.resolve("menu.txt"),
                "-Dhogwatch.uiprobe=" + data.resolve("probe.txt"),
                "-jar",
                userJar.toString(),
                "--demo",
                "--data-dir",
                data.toString()));
    cmd.addAll(List.of(more));
    return x.runAsUser(
        x.dir().resolve(log), Map.of("DBUS_SESSION_BUS_ADDRESS", bus), cmd.toArray(String[]::new));
  }

  /** Ends hogwatch as a logout would (SIGTERM to the JVM: history is flushed). */
  private static void stop(Process app) throws InterruptedException {
    Optional<ProcessHandle> jvm =
        app.descendants()
            .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
            .findFirst();
    jvm.ifPresent(ProcessHandle::destroy);
    if (!app.waitFor(30, TimeUnit.SECONDS)) {
      app.descendants().forEach(ProcessHandle::destroyForcibly);
      app.destroyForcibly();
    }
  }

  /** Visible X windows named Hogwatch (the tray icon's own window is one of them). */
  private static java.util.Set<String> windows(XSession x) {
    try {
      return x.output("xdotool", "search", "--onlyvisible", "--name", "^Hogwatch$")
          .lines()
          .map(String::strip)
          .filter(l -> l.matches("\\d+"))
          .collect(java.util.stream.Collectors.toSet());
    } catch (IOException e) {
      return java.util.Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Set.of();
    }
  }

  private static void waitFor(
      int seconds, BooleanSupplier ok, java.util.function.Supplier<String> why)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (ok.getAsBoolean()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(why.get());
  }

  /** The window's shortest range that reaches 30 s before today's midnight, e.g. "6h" at 02:30. */
  private static String rangeBackToMidnight() {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.systemDefault());
    long ago =
        java.time.Duration.between(now.toLocalDate().atStartOfDay(now.getZone()), now).toSeconds();
    String[] names = {"1m", "5m", "30m", "1h", "6h", "24h"};
    long[] seconds = {60, 300, 1800, 3600, 21600, 86400};
    for (int i = 0; i < names.length; i++) {
      if (seconds[i] >= ago + 30) {
        return names[i];
      }
    }
    return "All";
  }

  /** What the window shows (UiProbe), or "" before it wrote. */
  private static String probe(Path data) {
    try {
      return Files.readString(data.resolve("probe.txt"));
    } catch (IOException e) {
      return "";
    }
  }

  /** "623 kB" as bytes (decimal units, as Units.bytes writes them). */
  private static double bytes(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+) (\\w+)").matcher(text);
    if (!m.matches()) {
      throw new AssertionError("not an amount: " + text);
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "B" -> v;
      case "kB" -> v * 1e3;
      case "MB" -> v * 1e6;
      case "GB" -> v * 1e9;
      default -> throw new AssertionError("unit of " + text);
    };
  }

  private static String text(JsonNode n) {
    return n.path("data").asText();
  }

  @Test
  void capCrossedOnceRestartQuietActionOpensWindowNoServiceSaidInTray() throws Exception {
    try (XSession x = XSession.start(XSession.Panel.LIGHT)) {
      String bus = bus(x, "bus");
      Process dunst = dunst(x, bus);
      userJar = x.userCopy(jar);
      Path data = x.dir().resolve("data").resolve("hogwatch");
      // the demo records into the data dir until today holds more than 100 kB ...
      Process app = hogwatch(x, bus, data, "app.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      waitFor(
          60,
          () -> {
            try {
              JsonNode r =
                  JSON.readTree(
                      asUser(
                          x,
                          bus,
                          java,
                          "-jar",
                          userJar.toString(),
                          "report",
                          "--since",
                          "today",
                          "--format",
                          "json",
                          "--data-dir",
                          data.toString()));
              JsonNode t = r.path("totals");
              return t.path("sentBytes").asLong() + t.path("receivedBytes").asLong() > 100_000;
            } catch (IOException e) {
              return false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          },
          () -> "nothing recorded:\n" + x.log("app.log"));
      // ... then a 100 kB daily cap is set up while it runs: one notification, 100 % at once
      String rules =
          asUser(
              x,
              bus,
              java,
              "-jar",
              userJar.toString(),
              "alerts",
              "add",
              "cap",
              "100kB",
              "--per",
              "day");
      assertEquals("Added rule 1: cap 100 kB per day\n", rules);
      waitFor(
          60,
          () -> count(x, bus, "displayed") >= 1,
          () -> "no notification:\n" + x.log("app.log") + x.log("dunst.log"));
      Thread.sleep(12_000); // two more checks of the rules while the demo keeps adding bytes
      assertEquals(1, count(x, bus, "displayed"), "exactly one notification");
      Files.createDirectories(Path.of("target", "alerts-it"));
      x.screenshot(Path.of("target", "alerts-it", "notification.png"));

      // its action (dunst's default action) opens the window
      java.util.Set<String> before = windows(x);
      asUser(x, bus, "dunstctl", "action", "0");
      waitFor(
          30,
          () -> !before.containsAll(windows(x)),
          () -> "the action opened no window:\n" + x.log("app.log"));
      Thread.sleep(2000); // let it paint before the picture
      x.screenshot(Path.of("target", "alerts-it", "opened.png"));
      // on that application (a cap: all traffic, an empty filter) and time (the Live tab over the
      // shortest range reaching back to the cap's period start, today's midnight)
      waitFor(
          10,
          () -> probe(data).contains("tab*\tLive\t"),
          () -> "the window is not on its Live tab:\n" + probe(data));
      String probe = probe(data);
      assertTrue(probe.lines().anyMatch(l -> l.startsWith("field\t\t")), probe);
      String range = rangeBackToMidnight();
      assertTrue(probe.lines().anyMatch(l -> l.startsWith("button*\t" + range + "\t")), probe);

      // what dunst received
      asUser(x, bus, "dunstctl", "close-all");
      waitFor(
          10, () -> count(x, bus, "history") == 1, () -> "history: " + count(x, bus, "history"));
      JsonNode shown =
          JSON.readTree(asUser(x, bus, "dunstctl", "history")).get("data").get(0).get(0);
      String summary = text(shown.get("summary"));
      String body = text(shown.get("body"));
      assertEquals("Hogwatch", text(shown.get("appname")));
      assertTrue(summary.matches("Data cap reached: [0-9.]+ (kB|MB) of 100 kB"), summary);
      assertTrue(
          body.matches(
              "[0-9.]+ (kB|MB) of 100 kB today; at this pace [0-9.]+ (kB|MB|GB) of 100 kB by the"
                  + " end of the day\\."),
          body);

      // the tray's status line shows the cap over
      waitFor(
          10,
          () -> Files.exists(data.resolve("menu.txt")),
          () -> {
            try (var l = Files.list(data)) {
              return "no tray dump; data dir: " + l.toList() + "\n" + x.log("app.log");
            } catch (IOException e) {
              return e.toString();
            }
          });
      List<String> menu = Files.readAllLines(data.resolve("menu.txt"));
      assertTrue(menu.stream().anyMatch(l -> l.contains("·  data cap reached")), menu.toString());
      // and its icon the red ring of a cap reached
      assertTrue(menu.contains("capMark\tOVER"), menu.toString());

      // restart: the crossing is in the history file, so nothing new is told
      stop(app);
      Process again = hogwatch(x, bus, data, "app2.log");
      Thread.sleep(16_000);
      assertEquals(
          0, count(x, bus, "displayed"), () -> "a second notification:\n" + x.log("app2.log"));
      assertEquals(1, count(x, bus, "history"));
      stop(again);

      // the numbers: the alert kept in history is the one dunst showed, and the used bytes in
      // it were no more than the history now holds for today
      JsonNode list =
          JSON.readTree(
              asUser(
                  x,
                  bus,
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  userJar.toString(),
                  "alerts",
                  "--json",
                  "--data-dir",
                  data.toString()));
      assertEquals(1, list.get("alerts").size(), list.toString());
      assertEquals(summary, list.get("alerts").get(0).get("title").asText());
      assertEquals(body, list.get("alerts").get(0).get("body").asText());
      long usedNow = list.get("caps").get(0).get("usedBytes").asLong();
      assertTrue(usedNow >= 100_000, list.toString());
      // the notification's used bytes: past the cap, and no more than history holds now
      double told = bytes(summary.replaceFirst("Data cap reached: (\\S+ \\S+) of 100 kB", "$1"));
      assertTrue(told >= 100_000 && told <= usedNow * 1.005, told + " vs " + usedNow);
      assertTrue(
          body.startsWith(summary.substring("Data cap reached: ".length()) + " today"), body);
      assertEquals("over", list.get("caps").get(0).get("level").asText());

      // no notification service: the tray's status line says it, and what to install
      dunst.descendants().forEach(ProcessHandle::destroy);
      dunst.destroy();
      waitFor(20, () -> count(x, bus, "displayed") < 0, () -> "dunst still answers");
      Path fresh = x.dir().resolve("data").resolve("fresh");
      Process lonely = hogwatch(x, bus, fresh, "app3.log");
      waitFor(
          60,
          () -> {
            try {
              return Files.exists(fresh.resolve("menu.txt"))
                  && Files.readString(fresh.resolve("menu.txt"))
                      .contains("data cap reached  ·  no notification service (install dunst)");
            } catch (IOException e) {
              return false;
            }
          },
          () -> "tray status line: " + x.log("data/fresh/menu.txt") + "\n" + x.log("app3.log"));
      assertTrue(
          x.log("app3.log")
              .contains("(not shown as a notification: no notification service is" + " running)"),
          x.log("app3.log"));
      assertFalse(x.log("app3.log").contains("Exception"), x.log("app3.log"));
      String line =
          Files.readAllLines(fresh.resolve("menu.txt")).stream()
              .filter(l -> l.contains("no notification service"))
              .findFirst()
              .orElseThrow();
      // one menu line that fits a small screen
      assertTrue(line.length() < 130, line.length() + ": " + line);
      stop(lonely);

      // ... and the window's header, with what to install
      Path win = x.dir().resolve("data").resolve("window");
      Process window = hogwatch(x, bus, win, "app4.log", "window");
      waitFor(
          60,
          () -> probe(win).contains("Alerts cannot appear as notifications: no notification"),
          () -> "window header: " + probe(win) + "\n" + x.log("app4.log"));
      String header =
          probe(win)
              .lines()
              .filter(l -> l.startsWith("text\tAlerts cannot appear"))
              .findFirst()
              .orElseThrow();
      assertTrue(header.contains("sudo apt install dunst"), header);
      Thread.sleep(1000);
      x.screenshot(Path.of("target", "alerts-it", "no-service-window.png"));
      assertFalse(x.log("app4.log").contains("Exception"), x.log("app4.log"));
      stop(window);
    }
  }
}
