package dev.hogwatch.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppResolver;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Refresh;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.TraceLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History keyed by application as well as program: a file written by the Hogwatch before
 * applications (schema 2, built here with that version's DDL) is upgraded with nothing lost, and
 * new recordings keep every application's bytes in every resolution.
 */
class HistoryAppsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  @TempDir Path dir;

  /** The tables of schema 2, as HistoryStore created them before applications were kept. */
  private static final String[] SCHEMA_2 = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE program(id INTEGER PRIMARY KEY, name TEXT NOT NULL, uid INTEGER NOT NULL,"
        + " user TEXT NOT NULL, UNIQUE(name, uid))",
    "INSERT INTO program(id, name, uid, user) VALUES (0, '', -1, '')",
    "CREATE TABLE usage_sec(program INTEGER NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
        + " received INTEGER NOT NULL, PRIMARY KEY(program, t)) WITHOUT ROWID",
    "CREATE TABLE usage_min(program INTEGER NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
        + " received INTEGER NOT NULL, PRIMARY KEY(program, t)) WITHOUT ROWID",
    "CREATE TABLE usage_hour(program INTEGER NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
        + " received INTEGER NOT NULL, PRIMARY KEY(program, t)) WITHOUT ROWID",
    "CREATE TABLE usage_day(program INTEGER NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
        + " received INTEGER NOT NULL, PRIMARY KEY(program, t)) WITHOUT ROWID",
    "CREATE TABLE process_min(program INTEGER NOT NULL, pid INTEGER NOT NULL, t INTEGER NOT NULL,"
        + " sent INTEGER NOT NULL, received INTEGER NOT NULL, PRIMARY KEY(program, pid, t))"
        + " WITHOUT ROWID",
    "CREATE TABLE interface_day(device TEXT NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
        + " received INTEGER NOT NULL, PRIMARY KEY(device, t)) WITHOUT ROWID",
    "CREATE TABLE alert_log(rule TEXT NOT NULL, subject TEXT NOT NULL, crossing TEXT NOT NULL,"
        + " at INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,"
        + " PRIMARY KEY(rule, subject, crossing))",
    "INSERT INTO meta(key, value) VALUES ('schema', '2')",
  };

  /**
   * A schema 2 file with a day of traffic of four programs: curl and python3 of uid 1000, curl of
   * uid 1001, and unattributed ({@code unknown TCP} and a connection tuple), in every resolution.
   */
  private Path oldFile() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (String ddl : SCHEMA_2) {
        st.execute(ddl);
      }
      st.execute(
          "INSERT INTO program(id, name, uid, user) VALUES (1, '/usr/bin/curl', 1000, 'alice'),"
              + " (2, '/usr/bin/python3', 1000, 'alice'), (3, 'curl', 1001, 'bob'),"
              + " (4, 'unknown TCP', 0, 'root'), (5, '10.0.3.5:443-172.17.0.2:40112', 0, 'root')");
      long[][] bytes = {{0, 0}, {100, 20_000}, {3_000, 40}, {7, 700}, {50, 60}, {5, 6}};
      for (int second = 0; second < 120; second++) {
        Instant t = T0.plusSeconds(second * 37L);
        long[] total = new long[2];
        for (int p = 1; p <= 5; p++) {
          long s = bytes[p][0] * (1 + second % 3);
          long r = bytes[p][1] * (1 + second % 3);
          total[0] += s;
          total[1] += r;
          insert(st, p, t, s, r);
        }
        insert(st, 0, t, total[0], total[1]);
      }
    }
    return file;
  }

  private static void insert(Statement st, int program, Instant t, long sent, long received)
      throws Exception {
    for (Resolution r : Resolution.values()) {
      st.execute(
          "INSERT INTO "
              + r.table
              + "(program, t, sent, received) VALUES ("
              + program
              + ", "
              + r.bucket(t, ZONE)
              + ", "
              + sent
              + ", "
              + received
              + ") ON CONFLICT(program, t) DO UPDATE SET sent = sent + excluded.sent,"
              + " received = received + excluded.received");
    }
  }

  /** Sent and received of every table row of {@code table}, per key column value. */
  private static Map<Integer, List<Long>> rows(Path file, String table, String key)
      throws Exception {
    Map<Integer, List<Long>> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + key
                    + ", t, sent, received FROM "
                    + table
                    + " ORDER BY "
                    + key
                    + ", t")) {
      while (rs.next()) {
        List<Long> l = out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>());
        l.add(rs.getLong(2));
        l.add(rs.getLong(3));
        l.add(rs.getLong(4));
      }
    }
    return out;
  }

  private static long[] sum(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static Map<String, List<Long>> byKey(List<AppUsage> apps) {
    Map<String, List<Long>> m = new LinkedHashMap<>();
    for (AppUsage a : apps) {
      m.put(
          a.kind() + ":" + a.id() + "/" + a.uid() + " " + a.name() + " " + a.user(),
          List.of(a.sentBytes(), a.receivedBytes()));
    }
    return m;
  }

  @Test
  void anOldFileIsUpgradedWithNothingLost() throws Exception {
    Path file = oldFile();
    Path untouched = dir.resolve("untouched.db");
    Files.copy(file, untouched, StandardCopyOption.COPY_ATTRIBUTES);
    Map<Resolution, Map<Integer, List<Long>>> before = new LinkedHashMap<>();
    for (Resolution r : Resolution.values()) {
      before.put(r, rows(file, r.table, "program"));
    }
    Instant from = T0.minusSeconds(1);
    Instant to = T0.plus(Duration.ofHours(2));
    Map<String, List<Long>> expected = new LinkedHashMap<>();
    // 120 rows of factors 1, 2, 3: each program's bytes times 240
    expected.put("exe:curl/1000 curl alice", List.of(24_000L, 4_800_000L));
    expected.put("exe:python3/1000 python3 alice", List.of(720_000L, 9_600L));
    expected.put("exe:curl/1001 curl bob", List.of(1_680L, 168_000L));
    expected.put(
        "unattributed:unattributed/-1 Unattributed (unattributed)", List.of(13_200L, 15_840L));

    try (HistoryStore s = HistoryStore.open(file, ZONE)) {
      assertEquals(
          expected.toString(),
          byKey(s.apps(from, to)).toString(),
          "each program taken as the application it is by its name");
      RangeUsage span = s.range(from, to);
      assertEquals(expected.toString(), byKey(span.apps()).toString());
    }
    assertArrayEquals(
        new long[] {3, 3},
        sum(file, "SELECT value, value FROM meta WHERE key = 'schema'"),
        "schema 3");
    for (Resolution r : Resolution.values()) {
      assertEquals(before.get(r), rows(file, r.table, "program"), r + ": program rows untouched");
      assertArrayEquals(
          sum(file, "SELECT SUM(sent), SUM(received) FROM " + r.table + " WHERE program > 0"),
          sum(file, "SELECT SUM(sent), SUM(received) FROM app_" + r.table),
          r + ": the applications hold every byte of the programs");
    }

    // a reading command on a file no recorder upgraded yet: the same answer, from the programs
    try (HistoryStore s = HistoryStore.openReadOnly(untouched, ZONE)) {
      assertNotNull(s);
      assertEquals(expected.toString(), byKey(s.apps(from, to)).toString());
      assertEquals(expected.toString(), byKey(s.range(from, to).apps()).toString());
    }
    assertArrayEquals(
        new long[] {2, 2},
        sum(untouched, "SELECT value, value FROM meta WHERE key = 'schema'"),
        "read-only: never upgraded");
  }

  @Test
  void recordingKeepsEachApplicationBesideItsPrograms() throws Exception {
    AppId browser = new AppId(AppId.Kind.FLATPAK, "org.example.Browser", "Browser", "");
    AppResolver apps =
        (name, pid, uid) ->
            pid == 10 || pid == 11
                ? new AppResolver.Attribution(browser, uid, pid)
                : AppResolver.BY_NAME.resolve(name, pid, uid);
    Accounting a = new Accounting(Long.MAX_VALUE, 1000, pid -> true, uid -> "u" + uid, apps);
    DeltaTracker tracker = new DeltaTracker();
    Pending pending = new Pending(ZONE);
    long[] main = new long[2];
    long[] helper = new long[2];
    long[] curl = new long[2];
    try (HistoryStore s = HistoryStore.open(dir.resolve("new.db"), ZONE)) {
      for (int i = 1; i <= 90; i++) {
        main[0] += 1_000;
        helper[1] += 50_000;
        curl[1] += i % 2 == 0 ? 7_000 : 0;
        a.apply(
            new Refresh(
                i * 1_000_000_000L,
                1,
                List.of(
                    new TraceLine("/app/bin/browser", 10, 1000, main[0], main[1]),
                    new TraceLine("Isolated Web Co", 11, 1000, helper[0], helper[1]),
                    new TraceLine("/usr/bin/curl", 12, 1000, curl[0], curl[1]))));
        Snapshot snap =
            a.snapshot(
                T0.plusSeconds(i),
                i * 1_000_000_000L,
                CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
                0);
        tracker.track(snap, pending);
        if (i % 10 == 0) {
          s.write(pending);
          pending.clear();
        }
      }
      Instant from = T0;
      Instant to = T0.plusSeconds(120);
      Map<String, List<Long>> expected = new LinkedHashMap<>();
      expected.put(
          "flatpak:org.example.Browser/1000 Browser u1000",
          List.of(main[0] + helper[0], main[1] + helper[1]));
      expected.put("exe:curl/1000 curl u1000", List.of(curl[0], curl[1]));
      assertEquals(expected.toString(), byKey(s.apps(from, to)).toString());
      assertEquals(3, s.usage(from, to).programs().size(), "programs are kept as they were");
      // a span of 10 s in the middle, at the seconds' resolution
      RangeUsage span = s.range(T0.plusSeconds(41), T0.plusSeconds(51));
      assertEquals("Browser", span.apps().get(0).name());
      assertEquals(10 * 50_000L + 10 * 1_000, span.apps().get(0).totalBytes());
      for (Resolution r : Resolution.values()) {
        assertEquals(
            s.grandTotal(r, false)[1],
            s.apps(from, to).stream().mapToLong(AppUsage::receivedBytes).sum(),
            r + ": applications add up to the total");
      }
    }
  }
}
