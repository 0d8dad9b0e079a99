package dev.hogwatch.wiring;

import static dev.hogwatch.testing.SmallHistory.assertClean;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.desktop.Privileges;
import dev.hogwatch.history.History;
import dev.hogwatch.testing.SmallHistory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Hostile input against the command line: traces that try to make {@code replay} misread them,
 * overflow its numbers or exhaust its memory; options that try to reach nethogs as options or write
 * where they should not; history files that reading commands must leave untouched (issue 17).
 *
 * <p>Whatever the input, the terminal never sees an exception text, a class name or a stack trace.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = App.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    Run r = new Run(code, out.toString(), err.toString());
    assertClean(r.out() + r.err());
    return r;
  }

  private static Path fixture(String name) {
    return Path.of("src", "test", "resources", "nethogs", name, "stdout.txt");
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static JsonNode process(JsonNode doc, String name) {
    for (JsonNode p : doc.get("processes")) {
      if (p.get("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError(name + " not in " + doc);
  }

  // ------------------------------------------------------------------ 1: the window as root

  @Test
  void windowRefusesRootWithoutAllowRoot() {
    Assumptions.assumeTrue(Privileges.isRoot(), "needs root to see the refusal");
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("window", "--demo"));
    assertEquals(TrayLauncher.EXIT_ROOT, r.code(), r.err());
    assertTrue(r.err().contains("never as root"), r.err());
    assertTrue(r.err().contains("--allow-root"), r.err());
  }

  // ------------------------------------------------------------------ 7: absurd numbers

  @Test
  void absurdAndNonFiniteNumbersAreUnreadableLinesCountedAndNamed() throws Exception {
    Path f =
        write(
            "huge.txt",
            """
            Refreshing:
            good/10/0\t100\t200
            huge/11/0\t1e308\t0
            Refreshing:
            good/10/0\t150\t300
            big/12/0\t9.99999e+18\t5
            inf/13/0\tinf\t5
            Refreshing:
            good/10/0\t200\t400
            """);
    Run r = run("replay", f.toString(), "--view-mode", "2", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertEquals(1, doc.get("processes").size(), r.out());
    JsonNode good = process(doc, "good");
    assertEquals(200, good.get("sentBytes").asLong());
    assertEquals(400, good.get("receivedBytes").asLong());
    assertEquals(200, doc.at("/totals/sentBytes").asLong());
    assertTrue(r.err().contains("3 unreadable lines"), r.err());
    assertTrue(r.err().contains("line 3"), "names the first one: " + r.err());
  }

  @Test
  void aValueBeyondTheLimitOnceScaledIsRejectedToo() throws Exception {
    // 1e9 GB/s is printable but no link carries it: once scaled to bytes it is absurd
    Path f = write("gbps.txt", "Refreshing:\na/1/0\t0.5\t1\nRefreshing:\nb/2/0\t1e9\t0\n");
    Run r = run("replay", f.toString(), "--view-mode", "5", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    for (JsonNode p : doc.get("processes")) {
      assertTrue(p.get("sentBytes").asLong() >= 0, r.out());
      assertTrue(p.get("pid").asInt() > 0, r.out());
    }
    assertTrue(r.err().contains("1 unreadable line"), r.err());
  }

  @Test
  void nonFiniteOrAbsurdDelayIsAUsageError() throws Exception {
    String f = fixture("a_v0_kbps_single_tcp").toString();
    for (String d : List.of("Infinity", "NaN", "1e300", "-1", "0")) {
      Run r = run("replay", f, "--delay", d);
      assertEquals(2, r.code(), d + ": " + r.err());
      assertTrue(r.err().contains("--delay"), r.err());
    }
  }

  // ------------------------------------------------------------------ 5: misread replays

  private JsonNode replayJson(Path f) throws IOException {
    Run r = run("replay", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    return JSON.readTree(r.out());
  }

  private long totalOf(Path f) throws IOException {
    JsonNode doc = replayJson(f);
    return doc.at("/totals/sentBytes").asLong() + doc.at("/totals/receivedBytes").asLong();
  }

  @Test
  void anExtraRefreshingLineDoesNotTurnTotalsIntoRates() throws Exception {
    Path orig = fixture("j_long_60s_v2");
    long expected = totalOf(orig);
    String text = Files.readString(orig);
    int mid = text.indexOf("Refreshing:", text.length() / 2);
    Path f = write("extra.txt", text.substring(0, mid) + "Refreshing:\n" + text.substring(mid));
    Run r = run("replay", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("view mode 2"), r.out());
    assertEquals(expected, totalOf(f));
  }

  @Test
  void oneSmallerValueIsMixedEvidenceAndAsksForTheViewMode() throws Exception {
    String text = Files.readString(fixture("j_long_60s_v2"));
    // the last python3 line reports less than the one before it: a total never falls
    List<String> lines = new ArrayList<>(text.lines().toList());
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\t") && !lines.get(i).startsWith("unknown")) {
        last = i;
      }
    }
    String[] cols = lines.get(last).split("\t", -1);
    lines.set(last, cols[0] + "\t" + 1 + "\t" + cols[2]);
    Path f = write("smaller.txt", String.join("\n", lines) + "\n");
    Run r = run("replay", f.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--view-mode"), r.err());
    assertEquals("", r.out());
    // and the user's answer is taken
    Run given = run("replay", f.toString(), "--view-mode", "2");
    assertEquals(0, given.code(), given.err());
  }

  @Test
  void twoCapturesConcatenatedAreTwoRunsAddedUp() throws Exception {
    Path orig = fixture("j_long_60s_v2");
    long one = totalOf(orig);
    String text = Files.readString(orig);
    Path f = write("twice.txt", text + text);
    Run r = run("replay", f.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("view mode 2"), r.out());
    assertEquals(2 * one, totalOf(f));
    // a total that falls without startup lines in between is a new run as well
    String noStartup = text.substring(text.indexOf("Refreshing:"));
    Path g = write("twice-bare.txt", noStartup + noStartup);
    assertEquals(2 * one, totalOf(g));
  }

  @Test
  void aRateCaptureAndATotalCaptureConcatenatedAreMixed() throws Exception {
    String rate = Files.readString(fixture("j_long_60s_v0"));
    String total = Files.readString(fixture("j_long_60s_v2"));
    Path f = write("mixed.txt", rate + total);
    Run r = run("replay", f.toString());
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--view-mode"), r.err());
  }

  @Test
  void emptyOrRandomFilesAreNotTraces() throws Exception {
    Path empty = write("empty.txt", "");
    Run e = run("replay", empty.toString());
    assertEquals(2, e.code());
    assertTrue(e.err().contains("nothing"), e.err());
    Path junk = tmp.resolve("junk.bin");
    byte[] noise = new byte[200_000];
    new java.util.Random(7).nextBytes(noise);
    Files.write(junk, noise);
    Run j = run("replay", junk.toString(), "--json");
    assertEquals(2, j.code());
    assertTrue(j.err().contains("nothing"), j.err());
    assertEquals("", j.out());
    Path words = write("words.txt", "hello\nworld\n".repeat(1000));
    assertEquals(2, run("replay", words.toString()).code());
  }

  // ------------------------------------------------------------------ 6: constant memory

  /** Writes a -v 2 trace of about {@code bytes} bytes: 10 processes whose totals keep rising. */
  static void bigTrace(Path file, long bytes) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      w.write("Adding local address: 10.0.0.1\nEthernet link detected\n\n");
      long written = 0;
      long block = 0;
      while (written < bytes) {
        StringBuilder b = new StringBuilder("Refreshing:\n");
        for (int p = 0; p < 10; p++) {
          b.append("/usr/bin/program-")
              .append(p)
              .append(" --with arguments/")
              .append(1000 + p)
              .append("/1000\t")
              .append(block * (p + 1))
              .append('\t')
              .append(block * (p + 2))
              .append('\n');
        }
        b.append('\n');
        w.write(b.toString());
        written += b.length();
        block++;
      }
    }
  }

  @Test
  void aTraceMuchLargerThanTheHeapReplaysInConstantMemory() throws Exception {
    Path f = tmp.resolve("big.txt");
    bigTrace(f, 60L << 20); // 60 MB; the whole-file replay needed ~12 times that in heap
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                App.class.getName(),
                "replay",
                f.toString(),
                "--json")
            .redirectErrorStream(false);
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String errText = new String(err, StandardCharsets.UTF_8);
    assertClean(errText);
    assertEquals(0, p.exitValue(), errText);
    JsonNode doc = JSON.readTree(out);
    assertEquals(10, doc.get("processes").size());
    // the last block of the file: program-9 sent 10 × its block number
    long blocks = Files.size(f) / 512;
    assertTrue(
        process(doc, "/usr/bin/program-9 --with arguments").get("sentBytes").asLong() > blocks);
  }

  // ------------------------------------------------------------------ 11: usage errors

  @Test
  void anAgeTooLargeIsAUsageErrorNotAnOverflow() {
    Run r2 = run("--data-dir", tmp.toString(), "report", "--since", "999999999999999d");
    assertEquals(2, r2.code(), r2.err());
    assertTrue(r2.err().contains("--since"), r2.err());
    Run r3 = run("--data-dir", tmp.toString(), "report", "--since", "99999999999999999999999w");
    assertEquals(2, r3.code(), r3.err());
  }

  @Test
  void anEmptyDataDirIsRefused() {
    Run r = run("--data-dir", "", "report");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--data-dir"), r.err());
  }

  @Test
  void aDeviceThatLooksLikeAnOptionNeverReachesNethogs() {
    for (String d : List.of("--devices=-c", "--devices=eth0,-v", "--devices=eth0\u0000x")) {
      Run r = run(d, "--nethogs", "/nonexistent/nethogs", "doctor");
      assertEquals(2, r.code(), d + ": " + r.out() + r.err());
      assertTrue(r.err().contains("--devices"), r.err());
    }
  }

  @Test
  void namesWithNulBytesAreRefused() {
    Run r = run("--data-dir", tmp + "/a\u0000b", "report");
    assertEquals(2, r.code(), r.err());
    Run n = run("--nethogs", "/usr/sbin/neth\u0000ogs", "doctor");
    assertEquals(2, n.code(), n.err());
  }

  // ------------------------------------------------------------------ 8: report only reads

  private Path recordedHistory() throws Exception {
    return SmallHistory.write(tmp.resolve("data"), "iperf3", 42);
  }

  @Test
  void reportLeavesTheHistoryFileAsItWas() throws Exception {
    Path dir = recordedHistory();
    byte[] before = SmallHistory.digest(dir);
    for (int i = 0; i < 2; i++) {
      Run r = run("--data-dir", dir.toString(), "report", "--format", "json");
      assertEquals(0, r.code(), r.err());
      assertEquals(10, JSON.readTree(r.out()).at("/totals/sentBytes").asLong(), r.out());
    }
    assertArrayEquals(before, SmallHistory.digest(dir), "report changed the data directory");
  }

  @Test
  void reportReadsAnOlderSchemaWithoutUpgradingIt() throws Exception {
    Path dir = recordedHistory();
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(History.FILE_NAME));
        java.sql.Statement st = c.createStatement()) {
      st.execute("UPDATE meta SET value = '1' WHERE key = 'schema'");
      st.execute("DROP TABLE IF EXISTS interface_day");
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    byte[] before = SmallHistory.digest(dir);
    Run r = run("--data-dir", dir.toString(), "report", "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertEquals(10, JSON.readTree(r.out()).at("/totals/sentBytes").asLong(), r.out());
    assertArrayEquals(
        before, SmallHistory.digest(dir), "report upgraded (wrote to) an older history file");
  }

  @Test
  void reportOnAnEmptyFileDoesNotGiveItASchema() throws Exception {
    Path dir = tmp.resolve("empty");
    Files.createDirectories(dir);
    Path db = dir.resolve(History.FILE_NAME);
    Files.createFile(db);
    Run r = run("--data-dir", dir.toString(), "report");
    assertTrue(r.code() == 0 || r.code() == 1, r.err());
    assertEquals(0, Files.size(db), "a 0-byte history got written to");
    try (var s = Files.list(dir)) {
      assertEquals(List.of(db), s.toList());
    }
  }

  @Test
  void reportReadsAReadOnlyHistory() throws Exception {
    Path dir = recordedHistory();
    Path db = dir.resolve(History.FILE_NAME);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--------"));
    Run r = run("--data-dir", dir.toString(), "report", "--format", "json");
    assertEquals(0, r.code(), r.err());
    assertEquals(10, JSON.readTree(r.out()).at("/totals/sentBytes").asLong());
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
  }

  // ------------------------------------------------------------------ 11: history files

  @Test
  void aReadOnlyHistoryFileIsKeptNotMovedAside() throws Exception {
    Path dir = recordedHistory();
    Path db = dir.resolve(History.FILE_NAME);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--------"));
    byte[] before = Files.readAllBytes(db);
    try (History h = History.start(History.Options.defaults(dir))) {
      h.flush();
      String status = h.status().toString().toLowerCase(Locale.ROOT);
      assertTrue(status.contains("read-only"), status);
    }
    try (var s = Files.list(dir)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().contains("broken")),
          "a read-only history was moved aside");
    }
    assertArrayEquals(before, Files.readAllBytes(db));
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
  }

  @Test
  void directoriesCreatedUnderUmask000AreStillPrivate() throws Exception {
    Path data = tmp.resolve("u/a/b/hogwatch");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh",
            "-c",
            "umask 000 && exec \"$0\" -cp \"$1\" dev.hogwatch.wiring.App --data-dir \"$2\" --nethogs"
                + " /nonexistent/nethogs doctor",
            java,
            System.getProperty("java.class.path"),
            data.toString());
    pb.environment().put("HOME", tmp.toString());
    pb.environment().remove("DISPLAY");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertClean(out);
    for (Path d = data; !d.equals(tmp); d = d.getParent()) {
      if (Files.isDirectory(d)) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(d));
        assertNotEquals("rwxrwxrwx", perms, d + " is world-writable: " + out);
        assertFalse(perms.charAt(7) == 'w' || perms.charAt(4) == 'w', d + " " + perms);
      }
    }
  }

  @Test
  void severeLogRecordsReachTheTerminalWithoutTheirException() {
    java.util.logging.LogRecord r =
        new java.util.logging.LogRecord(java.util.logging.Level.SEVERE, "uncaught in {0}");
    r.setParameters(new Object[] {"hogwatch-http-3"});
    r.setThrown(new IllegalStateException("boom"));
    String line = new App.ConsoleFormat().format(r);
    assertEquals("hogwatch: uncaught in hogwatch-http-3" + System.lineSeparator(), line);
    assertClean(line);
  }

  // ------------------------------------------------------------------ 10, 11: serve

  @Test
  void theTokenCanComeFromAFileOrTheEnvironmentAsTheHelpSays() throws Exception {
    Run help = run("serve", "--help");
    assertTrue(help.out().contains("--token-file"), help.out());
    assertTrue(help.out().contains("HOGWATCH_TOKEN"), help.out());
    Path f = write("token", "from-the-file-123\nsecond line\n");
    assertEquals(
        java.util.Optional.of("from-the-file-123"), ServeCommand.token(null, f, "from-env-456"));
    assertEquals(
        java.util.Optional.of("from-env-456"), ServeCommand.token(null, null, " from-env-456\n"));
    assertEquals(java.util.Optional.of("given-789"), ServeCommand.token("given-789", f, "e"));
    assertEquals(java.util.Optional.empty(), ServeCommand.token(null, null, null));
    Run missing =
        run("serve", "--port", "0", "--token-file", tmp.resolve("nope").toString(), "--demo");
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("token file"), missing.err());
  }

  @Test
  void aPortInUseExitsWithAFixLine() throws Exception {
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(
            0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      Run r =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> run("serve", "--demo", "--port", Integer.toString(busy.getLocalPort())));
      assertEquals(1, r.code(), r.err());
      assertTrue(r.err().contains("Fix: choose another port"), r.err());
    }
  }
}
