package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** top, replay and doctor through the real command line (in-process, output captured). */
class CliCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  /** The history folder of this test: top records history unless told where (or --demo). */
  private String data() {
    return tmp.resolve("data").toString();
  }

  private static Run run(String... args) {
    CommandLine cl = App.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Path fixture(String name) {
    Path p = Path.of("src", "test", "resources", "nethogs", name, "stdout.txt");
    if (!Files.exists(p)) {
      throw new AssertionError("fixture " + name + " missing: " + p.toAbsolutePath());
    }
    return p;
  }

  private static void assertContract(JsonNode doc) {
    List<String> fields =
        List.of(
            "name", "pid", "uid", "user", "sentBytes", "receivedBytes", "sentRate", "receivedRate");
    long sent = 0;
    long received = 0;
    for (JsonNode p : doc.get("processes")) {
      Iterator<String> names = p.fieldNames();
      for (String f : fields) {
        assertEquals(f, names.next(), "field order and names are a contract");
      }
      assertEquals("app", names.next(), "every process names its application");
      assertFalse(names.hasNext());
      List<String> app = new java.util.ArrayList<>();
      p.get("app").fieldNames().forEachRemaining(app::add);
      assertEquals(List.of("kind", "id", "name"), app);
      assertTrue(p.get("sentBytes").isIntegralNumber());
      assertTrue(p.get("sentRate").isDouble());
      sent += p.get("sentBytes").asLong();
      received += p.get("receivedBytes").asLong();
    }
    JsonNode t = doc.get("totals");
    assertEquals(sent, t.get("sentBytes").asLong(), "totals sum the processes");
    assertEquals(received, t.get("receivedBytes").asLong());
  }

  @Test
  void replayJsonOfATotalsCaptureGivesItsLastLinesExactly() throws Exception {
    Run r = run("replay", fixture("h_nonroot_with_setcap_copy").toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertContract(doc);
    // last block of the file: python3/11238/1001 265706 16574 and a pid 0 connection tuple
    JsonNode first = doc.get("processes").get(0);
    assertEquals("10.77.1.1:50982-10.77.1.2:6002", first.get("name").asText());
    assertEquals(0, first.get("pid").asInt(), "unattributed traffic stays pid 0");
    assertEquals(514706, first.get("sentBytes").asLong());
    JsonNode py = doc.get("processes").get(1);
    assertEquals("/usr/bin/python3", py.get("name").asText());
    assertEquals(11238, py.get("pid").asInt());
    assertEquals(1001, py.get("uid").asInt());
    assertEquals(265706, py.get("sentBytes").asLong());
    assertEquals(16574, py.get("receivedBytes").asLong());
  }

  @Test
  void replayTableNamesTheDetectedModeAndGivenModeIsUsed() throws Exception {
    Path f = fixture("c_v1_total_kb");
    Run detected = run("replay", f.toString());
    assertEquals(0, detected.code(), detected.err());
    assertTrue(detected.out().contains("view mode 1 (detected)"), detected.out());
    assertTrue(detected.out().contains("iperf3"), detected.out());
    assertTrue(detected.out().contains("TOTAL"), detected.out());
    Run given = run("replay", f.toString(), "--view-mode", "1", "--json");
    JsonNode iperf = JSON.readTree(given.out()).get("processes").get(0);
    assertEquals(Math.round(5001.47 * 1024), iperf.get("sentBytes").asLong());
  }

  @Test
  void replayBadInputIsAUsageErrorWithOneMessage() throws Exception {
    Run missing = run("replay", tmp.resolve("nope.txt").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("hogwatch replay: cannot read"), missing.err());
    assertFalse(missing.err().contains("Exception"));
    assertEquals(
        2,
        run("replay", fixture("b_v2_total_bytes_single_tcp").toString(), "--view-mode", "7")
            .code());
    Path junk = tmp.resolve("junk.txt");
    byte[] noise = new byte[200_000];
    new java.util.Random(1).nextBytes(noise);
    Files.write(junk, noise);
    Run j = run("replay", junk.toString(), "--json");
    assertEquals(2, j.code(), "random bytes are no trace (issue 17)");
    assertTrue(j.err().contains("nothing in " + junk + " was recognised"), j.err());
  }

  @Test
  void topDemoPrintsJsonAtTheEnd() throws Exception {
    Run r = run("top", "--demo", "--duration", "2500ms", "--json", "--data-dir", data());
    assertEquals(0, r.code(), r.err());
    JsonNode doc = JSON.readTree(r.out());
    assertContract(doc);
    assertEquals("/usr/bin/python3", doc.get("processes").get(0).get("name").asText());
    assertTrue(doc.get("totals").get("sentBytes").asLong() > 0);
  }

  @Test
  void topByAppAndByUserSumToTheSameTotals() throws Exception {
    Run byProcess = run("top", "--demo", "--duration", "2500ms", "--json");
    Run byApp = run("top", "--demo", "--duration", "2500ms", "--json", "--by", "app");
    Run byUser = run("top", "--demo", "--duration", "2500ms", "--json", "--by", "USER");
    assertEquals(0, byApp.code(), byApp.err());
    assertEquals(0, byUser.code(), byUser.err());
    JsonNode apps = JSON.readTree(byApp.out());
    List<String> fields = new java.util.ArrayList<>();
    apps.get("apps").get(0).fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "kind",
            "id",
            "name",
            "user",
            "sentBytes",
            "receivedBytes",
            "sentRate",
            "receivedRate",
            "pids"),
        fields);
    // the demo trace is not this machine's: its processes are named by nethogs's name
    JsonNode python = apps.get("apps").get(0);
    assertEquals("exe", python.get("kind").asText());
    assertEquals("python3", python.get("id").asText());
    long sent = 0;
    for (JsonNode a : apps.get("apps")) {
      sent += a.get("sentBytes").asLong();
    }
    assertEquals(sent, apps.get("totals").get("sentBytes").asLong());
    JsonNode users = JSON.readTree(byUser.out());
    List<String> userFields = new java.util.ArrayList<>();
    users.get("users").get(0).fieldNames().forEachRemaining(userFields::add);
    assertEquals(
        List.of("user", "uid", "sentBytes", "receivedBytes", "sentRate", "receivedRate"),
        userFields);
    long userSent = 0;
    for (JsonNode u : users.get("users")) {
      userSent += u.get("sentBytes").asLong();
    }
    assertEquals(userSent, users.get("totals").get("sentBytes").asLong());
    assertTrue(JSON.readTree(byProcess.out()).has("processes"));
    Run bad = run("top", "--demo", "--by", "pid");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("'pid' is not one of app, process, user"), bad.err());
    Run table = run("--demo", "top", "--duration", "2500ms", "--by", "app");
    assertTrue(table.out().contains("APPLICATION"), table.out());
  }

  @Test
  void topPrintsPlainTablesWhenNotATerminal() {
    Run r =
        run(
            "--demo",
            "top",
            "--duration",
            "2500ms",
            "--interval",
            "1",
            "--limit",
            "1",
            "--data-dir",
            data());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("PROGRAM"), r.out());
    assertFalse(r.out().contains("\033["), "no escape codes into a pipe");
  }

  private Path fakeNethogs(String body) throws Exception {
    Path p = tmp.resolve("nethogs");
    Files.writeString(p, "#!/bin/bash\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void topWithoutPermissionExitsThreeNamingTheSetcapLine() throws Exception {
    Path nh =
        fakeNethogs(
            "echo 'Adding local address: 10.1.1.1'\n"
                + "echo 'To run nethogs without being root, you need to enable capabilities on the"
                + " program (cap_net_admin, cap_new_raw).' >&2\nexit 1\n");
    Run r = run("top", "--nethogs", nh.toString(), "--duration", "5s", "--data-dir", data());
    assertEquals(3, r.code());
    // a script in a temporary directory is no root-controlled nethogs: no setcap for it (issue 17)
    List<String> lines = r.err().lines().toList();
    assertEquals(
        "hogwatch: nethogs has no permission to capture (run as root or grant it capabilities)",
        lines.get(0));
    assertTrue(lines.get(1).startsWith("Fix: "), lines.get(1));
    assertTrue(lines.get(1).contains("(no capabilities for " + nh), lines.get(1));
    assertFalse(lines.get(1).contains("setcap " + nh), lines.get(1));
  }

  @Test
  void topWithoutNethogsExitsThreeNamingTheInstallCommand() {
    Run r =
        run("--nethogs", tmp.resolve("missing").toString(), "top", "--json", "--data-dir", data());
    assertEquals(3, r.code());
    assertTrue(r.err().contains("Fix: sudo apt install nethogs"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void doctorReportsEachCheckWithItsFix() throws Exception {
    Path nh =
        fakeNethogs(
            """
            if [ "$1" = -V ]; then echo ' version 0.8.7-2'; exit 0; fi
            echo 'Error opening pcap handlers for all devices.' >&2
            exit 1
            """);
    Run r = run("doctor", "--nethogs", nh.toString(), "--data-dir", tmp.resolve("d").toString());
    assertEquals(3, r.code(), r.out());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("ok +nethogs +.*version 0\\.8\\.7-2"), lines.get(0));
    assertTrue(lines.get(1).startsWith("FAIL  capture"), lines.get(1));
    assertTrue(lines.get(2).contains("(no capabilities for " + nh), lines.get(2));
    assertTrue(r.out().contains("data dir"), r.out());
    assertTrue(Files.isDirectory(tmp.resolve("d")));
  }
}
