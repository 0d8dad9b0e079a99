package dev.hogwatch.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file: schema, writes of {@link Pending} deltas, retention, and the queries behind
 * reports, the window's past ranges and the usage view. Not thread-safe: one thread uses it (the
 * history writer thread while recording, the {@code report} command alone).
 *
 * <p>Schema (version 2; version 1 files gain the interface table when opened). Every usage table
 * has the same shape and holds every byte once; the program with id 0 is the total of all programs:
 *
 * <pre>
 * meta(key TEXT PRIMARY KEY, value TEXT)                  -- schema, pruned.&lt;table&gt;
 * program(id INTEGER PRIMARY KEY, name, uid, user)        -- UNIQUE(name, uid); id 0 = total
 * usage_sec (program, t, sent, received)  t = epoch second   PRIMARY KEY(program, t)
 * usage_min (program, t, sent, received)  t = epoch minute
 * usage_hour(program, t, sent, received)  t = epoch hour
 * usage_day (program, t, sent, received)  t = local epoch day (LocalDate.toEpochDay)
 * process_min(program, pid, t, sent, received)              PRIMARY KEY(program, pid, t)
 * interface_day(device, t, sent, received)  t = local epoch day   PRIMARY KEY(device, t)
 * alert_log(rule, subject, crossing, at, title, body)  alerts given; PRIMARY KEY(rule, subject,
 *                                                        crossing): one per crossing, ever
 * </pre>
 *
 * <p>{@code interface_day} holds the kernel's per-device counters ({@code /proc/net/dev}), which
 * need no capture permission: days and months of traffic per interface, like vnstat, even when
 * nethogs cannot run. The per-program tables fill only while capture works.
 *
 * <p>Example: {@code try (HistoryStore s = HistoryStore.open(file, zone)) { Usage u = s.usage(from,
 * to); }}
 */
final class HistoryStore implements AutoCloseable {

  static final int SCHEMA = 3;

  /** Per-application rows of each resolution live in {@code app_<table>}, keyed by app id. */
  private static final String APP_PREFIX = "app_";

  private static final String PROCESS_TABLE = "process_min";
  private static final String INTERFACE_TABLE = "interface_day";

  private final Connection conn;
  private final ZoneId zone;
  private final Path file;
  private final Map<ProgramKey, Integer> ids = new HashMap<>();
  private final Map<AppKey, Integer> appIds = new HashMap<>();
  private final Map<Resolution, Long> prunedBefore = new EnumMap<>(Resolution.class);

  private HistoryStore(Connection conn, ZoneId zone, Path file) {
    this.conn = conn;
    this.zone = zone;
    this.file = file;
  }

  /**
   * Opens (creating it with mode 0600, and its directory with 0700, if missing) the history file.
   *
   * @throws SQLException when SQLite cannot open or read it (corrupt, not a database, full disk)
   * @throws IOException when the file or directory cannot be created
   */
  static HistoryStore open(Path file, ZoneId zone) throws SQLException, IOException {
    createPrivate(file);
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5000);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Connection c = ds.getConnection();
    try {
      HistoryStore s = new HistoryStore(c, zone, file);
      s.init(true);
      return s;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Opens the history file for reading only (for {@code report} and other reading commands): the
   * file, its directory and its mode are left exactly as they are. SQLite opens it with {@code
   * mode=ro}, or {@code immutable=1} when the directory is read-only (a WAL database would
   * otherwise need to create its {@code -shm} file there).
   *
   * @return the store, or {@code null} when the file is empty or holds no history tables yet
   * @throws SQLException when SQLite cannot read it (corrupt, not a database, newer schema)
   * @throws IOException when the file cannot be read
   */
  static HistoryStore openReadOnly(Path file, ZoneId zone) throws SQLException, IOException {
    if (Files.size(file) == 0) {
      return null; // created but never written: no history
    }
    if (!Files.isReadable(file)) {
      throw new java.nio.file.AccessDeniedException(file.toString());
    }
    // a recording Hogwatch keeps history.db-wal and -shm while it runs: read through them (mode=ro
    // creates nothing then). Without them nobody is writing, and mode=ro would create them (a WAL
    // database needs its -shm): read the file as it is (immutable=1), creating nothing.
    Path dir = file.toAbsolutePath().getParent();
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    Path shm = file.resolveSibling(file.getFileName() + "-shm");
    boolean immutable = !Files.exists(wal) || !Files.exists(shm) || !Files.isWritable(dir);
    try {
      return readOnly(file, zone, immutable);
    } catch (SQLException e) {
      if (immutable) {
        throw e;
      }
      // a WAL file whose -shm cannot be created (read-only directory for this user): immutable
      return readOnly(file, zone, true);
    }
  }

  private static HistoryStore readOnly(Path file, ZoneId zone, boolean immutable)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    String uri = file.toAbsolutePath().toUri().getRawPath();
    ds.setUrl("jdbc:sqlite:file:" + uri + (immutable ? "?immutable=1" : "?mode=ro"));
    Connection c = ds.getConnection();
    try {
      HistoryStore s = new HistoryStore(c, zone, file);
      if (!s.hasTables()) {
        c.close();
        return null;
      }
      s.readMeta(false); // read-only: an older schema is read as it is, never upgraded
      return s;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private boolean hasTables() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta',"
                    + " 'program')")) {
      return rs.next() && rs.getInt(1) == 2;
    }
  }

  /** A store that lives in memory only (when the file cannot be written). */
  static HistoryStore inMemory(ZoneId zone) throws SQLException {
    SQLiteDataSource ds = new SQLiteDataSource(new SQLiteConfig());
    ds.setUrl("jdbc:sqlite::memory:");
    HistoryStore s = new HistoryStore(ds.getConnection(), zone, null);
    s.init(false);
    return s;
  }

  /** The file, or null for an in-memory store. */
  Path file() {
    return file;
  }

  private static void createPrivate(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      HistoryFile.createPrivateDirectories(dir);
    }
    Set<PosixFilePermission> rw = PosixFilePermissions.fromString("rw-------");
    if (Files.exists(file)) {
      if (!Files.getPosixFilePermissions(file).equals(rw)) {
        Files.setPosixFilePermissions(file, rw);
      }
    } else {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(rw));
    }
  }

  private void init(boolean onDisk) throws SQLException {
    try (Statement st = conn.createStatement()) {
      // must precede the first table; ignored by an existing file
      st.execute("PRAGMA auto_vacuum = INCREMENTAL");
      if (onDisk) {
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
          rs.next();
        }
        st.execute("PRAGMA synchronous = NORMAL");
        try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
          String r = rs.next() ? rs.getString(1) : "no answer";
          if (!"ok".equals(r)) {
            throw new SQLException("quick_check: " + r, "corrupt", 11);
          }
        }
      }
      st.execute(
          "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT"
              + " ROWID");
      st.execute(
          "CREATE TABLE IF NOT EXISTS program(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
              + " uid INTEGER NOT NULL, user TEXT NOT NULL, UNIQUE(name, uid))");
      st.execute("INSERT OR IGNORE INTO program(id, name, uid, user) VALUES (0, '', -1, '')");
      for (Resolution r : Resolution.values()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS "
                + r.table
                + "(program INTEGER NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
                + " received INTEGER NOT NULL, PRIMARY KEY(program, t)) WITHOUT ROWID");
      }
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + PROCESS_TABLE
              + "(program INTEGER NOT NULL, pid INTEGER NOT NULL, t INTEGER NOT NULL,"
              + " sent INTEGER NOT NULL, received INTEGER NOT NULL, PRIMARY KEY(program, pid, t))"
              + " WITHOUT ROWID");
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + INTERFACE_TABLE
              + "(device TEXT NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
              + " received INTEGER NOT NULL, PRIMARY KEY(device, t)) WITHOUT ROWID");
      st.execute(
          "CREATE TABLE IF NOT EXISTS alert_log(rule TEXT NOT NULL, subject TEXT NOT NULL,"
              + " crossing TEXT NOT NULL, at INTEGER NOT NULL, title TEXT NOT NULL,"
              + " body TEXT NOT NULL, PRIMARY KEY(rule, subject, crossing))");
      st.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '" + SCHEMA + "')");
    }
    if (!hasAppTables()) {
      addApps();
    }
    readMeta(true);
  }

  /** Whether the per-application tables exist (schema 3; a file of an older Hogwatch has none). */
  private boolean hasAppTables() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'app'")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  /**
   * Schema 2 → 3: creates the per-application tables and fills them from the programs already
   * recorded, each program taken as the application it is by its name (its executable, or the
   * unattributed traffic), every resolution bucket by bucket, in one transaction: a file of an
   * older Hogwatch answers per application for its whole past, and its program rows stay as they
   * were. An interrupted upgrade leaves nothing and runs again at the next start.
   */
  private void addApps() throws SQLException {
    conn.setAutoCommit(false);
    try (Statement st = conn.createStatement()) {
      st.execute(
          "CREATE TABLE app(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, app_id TEXT NOT NULL,"
              + " uid INTEGER NOT NULL, name TEXT NOT NULL, user TEXT NOT NULL,"
              + " UNIQUE(kind, app_id, uid))");
      for (Resolution r : Resolution.values()) {
        st.execute(
            "CREATE TABLE "
                + APP_PREFIX
                + r.table
                + "(app INTEGER NOT NULL, t INTEGER NOT NULL, sent INTEGER NOT NULL,"
                + " received INTEGER NOT NULL, PRIMARY KEY(app, t)) WITHOUT ROWID");
      }
      Map<AppKey, List<Integer>> byApp = new java.util.LinkedHashMap<>();
      for (Map.Entry<Integer, ProgramKey> e : new java.util.TreeMap<>(programs()).entrySet()) {
        ProgramKey k = e.getValue();
        if (e.getKey() != 0) {
          byApp
              .computeIfAbsent(
                  AppKey.ofProgram(k.name(), k.uid(), k.user()), a -> new ArrayList<>())
              .add(e.getKey());
        }
      }
      for (Map.Entry<AppKey, List<Integer>> e : byApp.entrySet()) {
        int app = appId(e.getKey());
        StringBuilder in = new StringBuilder();
        for (int id : e.getValue()) {
          in.append(in.length() == 0 ? "" : ",").append(id);
        }
        for (Resolution r : Resolution.values()) {
          st.execute(
              "INSERT INTO "
                  + APP_PREFIX
                  + r.table
                  + "(app, t, sent, received) SELECT "
                  + app
                  + ", t, SUM(sent), SUM(received) FROM "
                  + r.table
                  + " WHERE program IN ("
                  + in
                  + ") GROUP BY t");
        }
      }
      st.execute("UPDATE meta SET value = '" + SCHEMA + "' WHERE key = 'schema'");
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      appIds.clear();
      try {
        conn.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      conn.setAutoCommit(true);
    }
  }

  private void readMeta(boolean writable) throws SQLException {
    String schema = meta("schema");
    if (schema != null && Integer.parseInt(schema) > SCHEMA) {
      throw new SQLException(
          "history file was written by a newer Hogwatch (schema " + schema + ")", "schema", 0);
    }
    if (writable && schema != null && Integer.parseInt(schema) < SCHEMA) {
      setMeta("schema", Integer.toString(SCHEMA)); // version 1 + the interface table = version 2
    }
    for (Resolution r : Resolution.values()) {
      String v = meta("pruned." + r.table);
      prunedBefore.put(r, v == null ? Long.MIN_VALUE : Long.parseLong(v));
    }
  }

  private String meta(String key) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void setMeta(String key, String value) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET"
                + " value = excluded.value")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  // ---------------------------------------------------------------- writing

  /** Adds all pending deltas in one transaction; on failure nothing is written. */
  void write(Pending p) throws SQLException {
    if (p.isEmpty()) {
      return;
    }
    conn.setAutoCommit(false);
    try {
      for (Resolution r : Resolution.values()) {
        try (PreparedStatement ps =
            conn.prepareStatement(
                "INSERT INTO "
                    + r.table
                    + "(program, t, sent, received) VALUES (?, ?, ?, ?) ON CONFLICT(program, t)"
                    + " DO UPDATE SET sent = sent + excluded.sent,"
                    + " received = received + excluded.received")) {
          for (Map.Entry<Pending.Cell, long[]> e : p.cells(r).entrySet()) {
            ps.setInt(1, id(e.getKey().program()));
            ps.setLong(2, e.getKey().bucket());
            ps.setLong(3, e.getValue()[0]);
            ps.setLong(4, e.getValue()[1]);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      for (Resolution r : Resolution.values()) {
        try (PreparedStatement ps =
            conn.prepareStatement(
                "INSERT INTO "
                    + APP_PREFIX
                    + r.table
                    + "(app, t, sent, received) VALUES (?, ?, ?, ?) ON CONFLICT(app, t)"
                    + " DO UPDATE SET sent = sent + excluded.sent,"
                    + " received = received + excluded.received")) {
          for (Map.Entry<Pending.AppCell, long[]> e : p.appCells(r).entrySet()) {
            ps.setInt(1, appId(e.getKey().app()));
            ps.setLong(2, e.getKey().bucket());
            ps.setLong(3, e.getValue()[0]);
            ps.setLong(4, e.getValue()[1]);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      try (PreparedStatement ps =
          conn.prepareStatement(
              "INSERT INTO "
                  + PROCESS_TABLE
                  + "(program, pid, t, sent, received) VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT(program, pid, t) DO UPDATE SET sent = sent + excluded.sent,"
                  + " received = received + excluded.received")) {
        for (Map.Entry<Pending.ProcessCell, long[]> e : p.processCells().entrySet()) {
          ps.setInt(1, id(e.getKey().program()));
          ps.setInt(2, e.getKey().pid());
          ps.setLong(3, e.getKey().minute());
          ps.setLong(4, e.getValue()[0]);
          ps.setLong(5, e.getValue()[1]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          conn.prepareStatement(
              "INSERT INTO "
                  + INTERFACE_TABLE
                  + "(device, t, sent, received) VALUES (?, ?, ?, ?) ON CONFLICT(device, t)"
                  + " DO UPDATE SET sent = sent + excluded.sent,"
                  + " received = received + excluded.received")) {
        for (Map.Entry<Pending.InterfaceCell, long[]> e : p.interfaceCells().entrySet()) {
          ps.setString(1, e.getKey().device());
          ps.setLong(2, e.getKey().day());
          ps.setLong(3, e.getValue()[0]);
          ps.setLong(4, e.getValue()[1]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      ids.clear(); // ids inserted in the rolled-back transaction are gone
      appIds.clear();
      try {
        conn.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is broken; the next write reports it
      }
    }
  }

  private int id(ProgramKey k) throws SQLException {
    if (k.isTotal()) {
      return 0;
    }
    Integer cached = ids.get(k);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ins =
        conn.prepareStatement(
            "INSERT INTO program(name, uid, user) VALUES (?, ?, ?) ON CONFLICT(name, uid)"
                + " DO UPDATE SET user = excluded.user")) {
      ins.setString(1, k.name());
      ins.setInt(2, k.uid());
      ins.setString(3, k.user());
      ins.executeUpdate();
    }
    try (PreparedStatement sel =
        conn.prepareStatement("SELECT id FROM program WHERE name = ? AND uid = ?")) {
      sel.setString(1, k.name());
      sel.setInt(2, k.uid());
      try (ResultSet rs = sel.executeQuery()) {
        rs.next();
        int id = rs.getInt(1);
        ids.put(k, id);
        return id;
      }
    }
  }

  /** The row id of an application, added (or its name and user refreshed) on first use. */
  private int appId(AppKey k) throws SQLException {
    Integer cached = appIds.get(k);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ins =
        conn.prepareStatement(
            "INSERT INTO app(kind, app_id, uid, name, user) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT(kind, app_id, uid) DO UPDATE SET name = excluded.name,"
                + " user = excluded.user")) {
      ins.setString(1, k.kind());
      ins.setString(2, k.id());
      ins.setInt(3, k.uid());
      ins.setString(4, k.name());
      ins.setString(5, k.user());
      ins.executeUpdate();
    }
    try (PreparedStatement sel =
        conn.prepareStatement("SELECT id FROM app WHERE kind = ? AND app_id = ? AND uid = ?")) {
      sel.setString(1, k.kind());
      sel.setString(2, k.id());
      sel.setInt(3, k.uid());
      try (ResultSet rs = sel.executeQuery()) {
        rs.next();
        int id = rs.getInt(1);
        appIds.put(k, id);
        return id;
      }
    }
  }

  /**
   * Deletes rows older than each resolution's retention, as of {@code now}, and gives the freed
   * pages back to the file system.
   */
  void prune(Retention retention, Instant now) throws SQLException {
    List<Integer> programIds = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM program")) {
      while (rs.next()) {
        programIds.add(rs.getInt(1));
      }
    }
    List<Integer> appRowIds = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM app")) {
      while (rs.next()) {
        appRowIds.add(rs.getInt(1));
      }
    }
    conn.setAutoCommit(false);
    try {
      for (Resolution r : Resolution.values()) {
        Duration keep = retention.of(r);
        if (!keep.isZero()) {
          long cutoff = r.bucket(now.minus(keep), zone);
          deleteBefore(r.table, programIds, cutoff);
          deleteBefore(APP_PREFIX + r.table, "app", appRowIds, cutoff);
          if (cutoff > prunedBefore.get(r)) {
            setMeta("pruned." + r.table, Long.toString(cutoff));
          }
        }
      }
      if (!retention.processes().isZero()) {
        deleteBefore(
            PROCESS_TABLE,
            programIds,
            Resolution.MINUTE.bucket(now.minus(retention.processes()), zone));
      }
      Duration keepDays = retention.of(Resolution.DAY);
      if (!keepDays.isZero()) {
        try (PreparedStatement ps =
            conn.prepareStatement("DELETE FROM " + INTERFACE_TABLE + " WHERE t < ?")) {
          ps.setLong(1, Resolution.DAY.bucket(now.minus(keepDays), zone));
          ps.executeUpdate();
        }
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        conn.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      conn.setAutoCommit(true);
    }
    for (Resolution r : Resolution.values()) {
      String v = meta("pruned." + r.table);
      prunedBefore.put(r, v == null ? Long.MIN_VALUE : Long.parseLong(v));
    }
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA incremental_vacuum");
    }
  }

  private void deleteBefore(String table, List<Integer> programIds, long cutoff)
      throws SQLException {
    deleteBefore(table, "program", programIds, cutoff);
  }

  private void deleteBefore(String table, String key, List<Integer> programIds, long cutoff)
      throws SQLException {
    // one indexed range delete per program: the primary key starts with the program
    try (PreparedStatement ps =
        conn.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ? AND t < ?")) {
      for (int id : programIds) {
        ps.setInt(1, id);
        ps.setLong(2, cutoff);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Writes the WAL back into the main file (on close, so the file alone is complete). */
  void checkpoint() throws SQLException {
    if (file != null) {
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Bytes per program in {@code [from, to)}, from the finest resolution still kept for each part of
   * the range: whole days from the daily rows, the edges from hours, minutes and seconds.
   */
  Usage usage(Instant from, Instant to) throws SQLException {
    Instant a = Instant.ofEpochSecond(from.getEpochSecond());
    Instant b = Resolution.SECOND.ceil(to, zone);
    Map<Integer, long[]> acc = new HashMap<>();
    Instant[] eff = {a, b};
    collect(a, b, Resolution.DAY, acc, eff);
    return toUsage(eff[0], eff[1], acc);
  }

  /**
   * Bytes per application (of each user) in {@code [from, to)}, like {@link #usage(Instant,
   * Instant)}; largest first. A file of an older Hogwatch opened read-only (never upgraded) answers
   * from its programs, each taken as the application it is by its name.
   */
  public List<AppUsage> apps(Instant from, Instant to) throws SQLException {
    if (!hasAppTables()) {
      return appsOf(usage(from, to).programs());
    }
    Instant a = Instant.ofEpochSecond(from.getEpochSecond());
    Instant b = Resolution.SECOND.ceil(to, zone);
    Map<Integer, long[]> acc = new HashMap<>();
    collect(a, b, Resolution.DAY, acc, new Instant[] {a, b}, true);
    return toApps(acc);
  }

  /** Programs grouped by the application each is by its name, largest first. */
  static List<AppUsage> appsOf(List<ProgramUsage> programs) {
    Map<AppKey, long[]> sums = new java.util.LinkedHashMap<>();
    for (ProgramUsage p : programs) {
      long[] v =
          sums.computeIfAbsent(AppKey.ofProgram(p.name(), p.uid(), p.user()), k -> new long[2]);
      v[0] += p.sentBytes();
      v[1] += p.receivedBytes();
    }
    List<AppUsage> out = new ArrayList<>();
    sums.forEach((k, v) -> out.add(k.usage(v[0], v[1])));
    out.sort(byAppTotal());
    return out;
  }

  private List<AppUsage> toApps(Map<Integer, long[]> acc) throws SQLException {
    Map<Integer, AppKey> keys = new HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, kind, app_id, uid, name, user FROM app")) {
      while (rs.next()) {
        keys.put(
            rs.getInt(1),
            new AppKey(
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
      }
    }
    List<AppUsage> out = new ArrayList<>();
    for (Map.Entry<Integer, long[]> e : acc.entrySet()) {
      AppKey k = keys.get(e.getKey());
      long[] v = e.getValue();
      if (k != null && (v[0] != 0 || v[1] != 0)) {
        out.add(k.usage(v[0], v[1]));
      }
    }
    out.sort(byAppTotal());
    return out;
  }

  static Comparator<AppUsage> byAppTotal() {
    return Comparator.comparingLong(AppUsage::totalBytes)
        .reversed()
        .thenComparing(AppUsage::name)
        .thenComparing(AppUsage::kind)
        .thenComparing(AppUsage::id)
        .thenComparingInt(AppUsage::uid);
  }

  /**
   * Who used the network in {@code [since, until)}: per program, unattributed and in total, with
   * both edges moved out to the finest resolution still kept from {@code since} on (see {@link
   * RangeUsage}). A span shorter than one bucket (a click on one point: {@code since == until})
   * gives that bucket. Whole coarser buckets inside the span are read from their own tables, which
   * hold the same bytes, so a 30-day span costs about as much as a one-hour one.
   */
  RangeUsage range(Instant since, Instant until) throws SQLException {
    Resolution r = Resolution.DAY;
    for (Resolution c : Resolution.values()) {
      if (kept(c, since)) {
        r = c;
        break;
      }
    }
    Instant a = r.floor(since, zone);
    Instant b = until.isAfter(since) ? r.ceil(until, zone) : a;
    if (!b.isAfter(a)) {
      b = r.start(r.bucket(a, zone) + 1, zone);
    }
    Map<Integer, long[]> acc = new HashMap<>();
    Instant[] eff = {a, b};
    collect(a, b, Resolution.DAY, acc, eff);
    Map<Integer, ProgramKey> names = programs();
    List<ProgramUsage> list = new ArrayList<>();
    long us = 0;
    long ur = 0;
    long[] total = acc.getOrDefault(0, new long[2]);
    for (Map.Entry<Integer, long[]> e : acc.entrySet()) {
      ProgramKey k = names.get(e.getKey());
      long[] v = e.getValue();
      if (e.getKey() == 0 || k == null || (v[0] == 0 && v[1] == 0)) {
        continue;
      }
      ProgramUsage p = new ProgramUsage(k.name(), k.uid(), k.user(), v[0], v[1]);
      if (p.unattributed()) {
        us += v[0];
        ur += v[1];
      } else {
        list.add(p);
      }
    }
    list.sort(byTotal());
    List<AppUsage> apps;
    if (hasAppTables()) {
      Map<Integer, long[]> appAcc = new HashMap<>();
      collect(a, b, Resolution.DAY, appAcc, new Instant[] {a, b}, true);
      apps = toApps(appAcc);
    } else {
      List<ProgramUsage> all = new ArrayList<>(list);
      for (Map.Entry<Integer, long[]> e : acc.entrySet()) {
        ProgramKey k = names.get(e.getKey());
        if (e.getKey() != 0 && k != null && ProgramUsage.isUnattributed(k.name(), k.uid())) {
          all.add(new ProgramUsage(k.name(), k.uid(), k.user(), e.getValue()[0], e.getValue()[1]));
        }
      }
      apps = appsOf(all);
    }
    return new RangeUsage(
        eff[0],
        eff[1],
        Duration.ofSeconds(r.seconds),
        list,
        new RangeUsage.Bytes(us, ur),
        new RangeUsage.Bytes(total[0], total[1]),
        apps);
  }

  private void collect(Instant a, Instant b, Resolution r, Map<Integer, long[]> acc, Instant[] eff)
      throws SQLException {
    collect(a, b, r, acc, eff, false);
  }

  /** As above, over the programs' tables or ({@code apps}) the applications' tables. */
  private void collect(
      Instant a, Instant b, Resolution r, Map<Integer, long[]> acc, Instant[] eff, boolean apps)
      throws SQLException {
    if (!a.isBefore(b)) {
      return;
    }
    Resolution f = r.finer();
    if (f == null) {
      sum(r, r.bucket(a, zone), r.bucket(b, zone), acc, apps);
      return;
    }
    // an edge that the finer resolution no longer covers is widened to this resolution's bucket
    Instant lo = kept(f, r.floor(a, zone)) ? r.ceil(a, zone) : r.floor(a, zone);
    Instant hi = kept(f, r.floor(b, zone)) ? r.floor(b, zone) : r.ceil(b, zone);
    if (lo.isBefore(hi) && kept(r, lo)) {
      sum(r, r.bucket(lo, zone), r.bucket(hi, zone), acc, apps);
      if (lo.isBefore(eff[0])) {
        eff[0] = lo;
      }
      if (hi.isAfter(eff[1])) {
        eff[1] = hi;
      }
      collect(a, lo, f, acc, eff, apps);
      collect(hi, b, f, acc, eff, apps);
    } else {
      collect(a, b, f, acc, eff, apps);
    }
  }

  /** Whether resolution {@code r} still holds every row from {@code t} on. */
  private boolean kept(Resolution r, Instant t) {
    return r.bucket(t, zone) >= prunedBefore.get(r);
  }

  private void sum(Resolution r, long fromBucket, long toBucket, Map<Integer, long[]> acc)
      throws SQLException {
    sum(r, fromBucket, toBucket, acc, false);
  }

  private void sum(
      Resolution r, long fromBucket, long toBucket, Map<Integer, long[]> acc, boolean apps)
      throws SQLException {
    if (fromBucket >= toBucket) {
      return;
    }
    // the primary key starts with the program: one index range per program (a few hundred
    // seeks) instead of a scan of the whole table, which "t >= ? AND t < ?" alone would be
    String sql =
        apps
            ? "SELECT app, SUM(sent), SUM(received) FROM "
                + APP_PREFIX
                + r.table
                + " WHERE app IN (SELECT id FROM app) AND t >= ? AND t < ? GROUP BY app"
            : "SELECT program, SUM(sent), SUM(received) FROM "
                + r.table
                + " WHERE program IN (SELECT id FROM program) AND t >= ? AND t < ?"
                + " GROUP BY program";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, fromBucket);
      ps.setLong(2, toBucket);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long[] v = acc.computeIfAbsent(rs.getInt(1), k -> new long[2]);
          v[0] += rs.getLong(2);
          v[1] += rs.getLong(3);
        }
      }
    }
  }

  private Usage toUsage(Instant from, Instant to, Map<Integer, long[]> acc) throws SQLException {
    Map<Integer, ProgramKey> names = programs();
    List<ProgramUsage> list = new ArrayList<>();
    long sent = 0;
    long received = 0;
    for (Map.Entry<Integer, long[]> e : acc.entrySet()) {
      ProgramKey k = names.get(e.getKey());
      if (e.getKey() == 0 || k == null) {
        continue;
      }
      long[] v = e.getValue();
      if (v[0] == 0 && v[1] == 0) {
        continue;
      }
      list.add(new ProgramUsage(k.name(), k.uid(), k.user(), v[0], v[1]));
      sent += v[0];
      received += v[1];
    }
    list.sort(byTotal());
    return new Usage(from, to, list, sent, received);
  }

  static Comparator<ProgramUsage> byTotal() {
    return Comparator.comparingLong(ProgramUsage::totalBytes)
        .reversed()
        .thenComparing(ProgramUsage::name)
        .thenComparingInt(ProgramUsage::uid);
  }

  private Map<Integer, ProgramKey> programs() throws SQLException {
    Map<Integer, ProgramKey> m = new HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name, uid, user FROM program")) {
      while (rs.next()) {
        m.put(rs.getInt(1), new ProgramKey(rs.getString(2), rs.getInt(3), rs.getString(4)));
      }
    }
    return m;
  }

  /** Per-program bytes of the local days {@code from} to {@code to}, both included. */
  Usage usage(LocalDate from, LocalDate to) throws SQLException {
    Map<Integer, long[]> acc = new HashMap<>();
    sum(Resolution.DAY, from.toEpochDay(), to.toEpochDay() + 1, acc);
    return toUsage(
        from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(), acc);
  }

  /** Total bytes per local day from {@code from} to {@code to} (both included), days with data. */
  List<PeriodUsage> days(LocalDate from, LocalDate to) throws SQLException {
    List<PeriodUsage> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT t, sent, received FROM usage_day WHERE program = 0 AND t >= ? AND t <= ?"
                + " ORDER BY t")) {
      ps.setLong(1, from.toEpochDay());
      ps.setLong(2, to.toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new PeriodUsage(LocalDate.ofEpochDay(rs.getLong(1)), rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return out;
  }

  /**
   * The coarsest resolution still kept from {@code from} on whose buckets are no longer than {@code
   * step}; when no such one is kept (a 45 s step over a range older than the kept seconds), the
   * finest kept one, so a long range gets minutes rather than a single day.
   */
  private Resolution seriesResolution(Instant from, Duration step) {
    Resolution r = null;
    for (Resolution c : Resolution.values()) {
      if (!kept(c, from)) {
        continue;
      }
      if (c.seconds <= Math.max(1, step.toSeconds())) {
        r = c;
      } else {
        return r == null ? c : r;
      }
    }
    return r == null ? Resolution.DAY : r;
  }

  /** Runs {@code ps}, whose rows are (bucket, sent, received) of resolution {@code r}. */
  private List<SeriesPoint> points(PreparedStatement ps, Resolution r) throws SQLException {
    List<SeriesPoint> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long b = rs.getLong(1);
        Instant start = r.start(b, zone);
        long secs = r.start(b + 1, zone).getEpochSecond() - start.getEpochSecond();
        out.add(new SeriesPoint(start, secs, rs.getLong(2), rs.getLong(3)));
      }
    }
    return out;
  }

  /** Total bytes per month for the days {@code from} to {@code to} (both included). */
  List<PeriodUsage> months(LocalDate from, LocalDate to) throws SQLException {
    return byMonth(days(from, to));
  }

  private static List<PeriodUsage> byMonth(List<PeriodUsage> days) {
    TreeMap<YearMonth, long[]> m = new TreeMap<>();
    for (PeriodUsage d : days) {
      long[] v = m.computeIfAbsent(YearMonth.from(d.start()), k -> new long[2]);
      v[0] += d.sentBytes();
      v[1] += d.receivedBytes();
    }
    List<PeriodUsage> out = new ArrayList<>();
    m.forEach((ym, v) -> out.add(new PeriodUsage(ym.atDay(1), v[0], v[1])));
    return out;
  }

  /** The first local day with recorded traffic, or null when nothing was recorded. */
  LocalDate firstDay() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT MIN(t) FROM usage_day WHERE program = 0")) {
      if (rs.next()) {
        long t = rs.getLong(1);
        return rs.wasNull() ? null : LocalDate.ofEpochDay(t);
      }
      return null;
    }
  }

  // ---------------------------------------------------------------- interfaces (/proc/net/dev)

  private Boolean interfaceTable; // null: not looked yet

  /**
   * Whether the file has the interface table: always once opened for writing; a version 1 file
   * opened read-only (by {@code report}) is read as it is, without it.
   */
  private boolean hasInterfaceTable() throws SQLException {
    if (interfaceTable == null) {
      try (Statement st = conn.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
                      + INTERFACE_TABLE
                      + "'")) {
        interfaceTable = rs.next() && rs.getInt(1) == 1;
      }
    }
    return interfaceTable;
  }

  /** The network devices with recorded days, by name. */
  List<String> interfaces() throws SQLException {
    List<String> out = new ArrayList<>();
    if (!hasInterfaceTable()) {
      return out;
    }
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT DISTINCT device FROM " + INTERFACE_TABLE + " ORDER BY device")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * Bytes per local day of one device ({@code null}: every device summed) from {@code from} to
   * {@code to}, both included; days with data only.
   */
  List<PeriodUsage> interfaceDays(LocalDate from, LocalDate to, String device) throws SQLException {
    List<PeriodUsage> out = new ArrayList<>();
    if (!hasInterfaceTable()) {
      return out;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT t, SUM(sent), SUM(received) FROM "
                + INTERFACE_TABLE
                + " WHERE t >= ? AND t <= ?"
                + (device == null ? "" : " AND device = ?")
                + " GROUP BY t ORDER BY t")) {
      ps.setLong(1, from.toEpochDay());
      ps.setLong(2, to.toEpochDay());
      if (device != null) {
        ps.setString(3, device);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new PeriodUsage(LocalDate.ofEpochDay(rs.getLong(1)), rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return out;
  }

  /** Like {@link #interfaceDays}, summed per month (each starting on its first day). */
  List<PeriodUsage> interfaceMonths(LocalDate from, LocalDate to, String device)
      throws SQLException {
    return byMonth(interfaceDays(from, to, device));
  }

  /**
   * The traffic of each local day from {@code from} to {@code to} (both included, days with data
   * only) as the network devices counted it: one device's, or ({@code device == null}) every
   * device's; days recorded before interfaces were (history files of an older Hogwatch) fall back
   * to the sum of the programs. What the Usage tab and {@code report --by day} show.
   */
  List<PeriodUsage> trafficDays(LocalDate from, LocalDate to, String device) throws SQLException {
    TreeMap<LocalDate, PeriodUsage> got = new TreeMap<>();
    if (device == null) {
      for (PeriodUsage p : days(from, to)) {
        got.put(p.start(), p);
      }
    }
    for (PeriodUsage p : interfaceDays(from, to, device)) {
      got.put(p.start(), p);
    }
    return new ArrayList<>(got.values());
  }

  /** Like {@link #trafficDays}, summed per month (each starting on its first day). */
  List<PeriodUsage> trafficMonths(LocalDate from, LocalDate to, String device) throws SQLException {
    return byMonth(trafficDays(from, to, device));
  }

  /** The first day {@link #trafficDays} has, or null when nothing was recorded. */
  LocalDate firstTrafficDay(String device) throws SQLException {
    LocalDate iface;
    if (!hasInterfaceTable()) {
      iface = null;
    } else if (device == null) {
      iface = firstInterfaceDay();
    } else {
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT MIN(t) FROM " + INTERFACE_TABLE + " WHERE device = ?")) {
        ps.setString(1, device);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long t = rs.getLong(1);
          iface = rs.wasNull() ? null : LocalDate.ofEpochDay(t);
        }
      }
    }
    LocalDate programs = device == null ? firstDay() : null;
    if (iface == null || programs == null) {
      return iface == null ? programs : iface;
    }
    return iface.isBefore(programs) ? iface : programs;
  }

  /** The first local day with interface traffic recorded, or null. */
  LocalDate firstInterfaceDay() throws SQLException {
    if (!hasInterfaceTable()) {
      return null;
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT MIN(t) FROM " + INTERFACE_TABLE)) {
      if (rs.next()) {
        long t = rs.getLong(1);
        return rs.wasNull() ? null : LocalDate.ofEpochDay(t);
      }
      return null;
    }
  }

  /**
   * Total bytes per bucket in {@code [from, to)} from the coarsest resolution that is still kept
   * from {@code from} on and has buckets no longer than {@code step} ({@link #seriesResolution});
   * buckets without traffic are left out. Of all traffic when {@code name} is null; of the program
   * {@code name} run by {@code uid}, or by any user when {@code uid} is null (the web view's "show
   * one program").
   *
   * <p>Example: {@code series("firefox", null, now.minus(Duration.ofHours(1)), now,
   * Duration.ofMinutes(1))} gives firefox's bytes per minute over the last hour.
   */
  List<SeriesPoint> series(String name, Integer uid, Instant from, Instant to, Duration step)
      throws SQLException {
    if (name == null) {
      return seriesQuery(
          "SELECT t, sent, received FROM {table} WHERE program = ? AND t >= ? AND t < ? ORDER BY t",
          0,
          from,
          to,
          step);
    }
    if (uid == null) {
      return seriesQuery(
          "SELECT u.t, SUM(u.sent), SUM(u.received) FROM {table} u JOIN program p ON p.id ="
              + " u.program WHERE u.program > 0 AND p.name = ? AND u.t >= ? AND u.t < ?"
              + " GROUP BY u.t ORDER BY u.t",
          name,
          from,
          to,
          step);
    }
    Integer id = programId(name, uid);
    return id == null
        ? List.of()
        : seriesQuery(
            "SELECT t, sent, received FROM {table} WHERE program = ? AND t >= ? AND t < ?"
                + " ORDER BY t",
            id,
            from,
            to,
            step);
  }

  /**
   * Runs one series query on the table {@link #seriesResolution} picks: {@code sql} names it {@code
   * {table}} and takes the key, then the first and the end bucket.
   */
  private List<SeriesPoint> seriesQuery(
      String sql, Object key, Instant from, Instant to, Duration step) throws SQLException {
    Resolution r = seriesResolution(from, step);
    try (PreparedStatement ps = conn.prepareStatement(sql.replace("{table}", r.table))) {
      ps.setObject(1, key);
      ps.setLong(2, r.bucket(from, zone));
      ps.setLong(3, r.bucket(to.minusNanos(1), zone) + 1);
      return points(ps, r);
    }
  }

  /**
   * Like {@link #series(String, Integer, Instant, Instant, Duration)} for one application of one
   * user ({@code kind} and {@code id} as in {@link AppUsage}); empty when it has no rows (or the
   * file is of an older Hogwatch and was never upgraded).
   */
  public List<SeriesPoint> appSeries(
      String kind, String id, int uid, Instant from, Instant to, Duration step)
      throws SQLException {
    if (!hasAppTables()) {
      return List.of();
    }
    Integer app;
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT id FROM app WHERE kind = ? AND app_id = ? AND uid = ?")) {
      ps.setString(1, kind);
      ps.setString(2, id);
      ps.setInt(3, uid);
      try (ResultSet rs = ps.executeQuery()) {
        app = rs.next() ? rs.getInt(1) : null;
      }
    }
    return app == null
        ? List.of()
        : seriesQuery(
            "SELECT t, sent, received FROM "
                + APP_PREFIX
                + "{table} WHERE app = ? AND t >= ? AND t < ? ORDER BY t",
            app,
            from,
            to,
            step);
  }

  private Integer programId(String name, int uid) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT id FROM program WHERE name = ? AND uid = ?")) {
      ps.setString(1, name);
      ps.setInt(2, uid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  /**
   * The start of the first hour with recorded traffic (of all programs, or of one when {@code name}
   * is not null), to the hour while hours are kept, else to the day; null when there is none.
   */
  Instant earliest(String name, int uid) throws SQLException {
    Integer id = name == null ? Integer.valueOf(0) : programId(name, uid);
    if (id == null) {
      return null;
    }
    Instant best = null;
    for (Resolution r : new Resolution[] {Resolution.DAY, Resolution.HOUR}) {
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT MIN(t) FROM " + r.table + " WHERE program = ?")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            long t = rs.getLong(1);
            if (!rs.wasNull()) {
              Instant s = r.start(t, zone);
              // hours refine the day only while the first day's hours are still kept
              if (best == null || (s.isAfter(best) && s.isBefore(best.plus(Duration.ofDays(1))))) {
                best = s;
              }
            }
          }
        }
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- alerts (rules over history)

  /**
   * Bytes (sent, received) of the local days {@code from} to {@code to}, both included: of all
   * programs when {@code devices} is empty, else the kernel counters of those devices.
   *
   * <p>Example: {@code dayTotal(LocalDate.of(2026, 12, 1), today, List.of("eth0"))} is this month's
   * traffic of eth0.
   */
  long[] dayTotal(LocalDate from, LocalDate to, java.util.Collection<String> devices)
      throws SQLException {
    long[] v = new long[2];
    if (devices.isEmpty()) {
      for (PeriodUsage d : days(from, to)) {
        v[0] += d.sentBytes();
        v[1] += d.receivedBytes();
      }
      return v;
    }
    for (String d : new java.util.TreeSet<>(devices)) {
      for (PeriodUsage u : interfaceDays(from, to, d)) {
        v[0] += u.sentBytes();
        v[1] += u.receivedBytes();
      }
    }
    return v;
  }

  /**
   * Names of the programs (any user) that moved bytes in {@code [activeSince, now]} and never
   * before {@code since}: the applications first seen on the network after {@code since}. Looks at
   * the kept minutes and the days, so a program seen long ago and pruned from minutes is still
   * known from its days.
   */
  List<String> programsNewSince(Instant since, Instant activeSince) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT DISTINCT p.name FROM program p WHERE p.id > 0 AND EXISTS (SELECT 1 FROM"
                + " usage_min m WHERE m.program = p.id AND m.t >= ?) AND NOT EXISTS (SELECT 1"
                + " FROM program q JOIN usage_min m ON m.program = q.id WHERE q.name = p.name"
                + " AND m.t < ?) AND NOT EXISTS (SELECT 1 FROM program q JOIN usage_day d ON"
                + " d.program = q.id WHERE q.name = p.name AND d.t < ?) ORDER BY p.name")) {
      ps.setLong(1, Resolution.MINUTE.bucket(activeSince, zone));
      ps.setLong(2, Resolution.MINUTE.bucket(since, zone));
      ps.setLong(3, Resolution.DAY.bucket(since, zone));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Keeps {@code a} unless an alert of the same rule, subject and crossing was already given;
   * returns whether it is new (so a crossing alerts once, across restarts).
   */
  boolean logAlert(LoggedAlert a) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT OR IGNORE INTO alert_log(rule, subject, crossing, at, title, body)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, a.rule());
      ps.setString(2, a.subject());
      ps.setString(3, a.crossing());
      ps.setLong(4, a.at().toEpochMilli());
      ps.setString(5, a.title());
      ps.setString(6, a.body());
      return ps.executeUpdate() == 1;
    }
  }

  /** Whether the file has the alert log (a file opened read-only may predate it). */
  private boolean hasAlertLog() throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, "alert_log");
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Whether an alert of {@code rule}, {@code subject} and {@code crossing} was given. */
  boolean alerted(String rule, String subject, String crossing) throws SQLException {
    if (!hasAlertLog()) {
      return false;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT 1 FROM alert_log WHERE rule = ? AND subject = ? AND crossing = ?")) {
      ps.setString(1, rule);
      ps.setString(2, subject);
      ps.setString(3, crossing);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The time of the latest alert of {@code rule} about {@code subject}, or null. */
  Instant lastAlert(String rule, String subject) throws SQLException {
    if (!hasAlertLog()) {
      return null;
    }
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT MAX(at) FROM alert_log WHERE rule = ? AND subject = ?")) {
      ps.setString(1, rule);
      ps.setString(2, subject);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long at = rs.getLong(1);
          return rs.wasNull() ? null : Instant.ofEpochMilli(at);
        }
        return null;
      }
    }
  }

  /** The latest {@code limit} alerts, newest first. */
  List<LoggedAlert> alerts(int limit) throws SQLException {
    List<LoggedAlert> out = new ArrayList<>();
    if (!hasAlertLog()) {
      return out;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT rule, subject, crossing, at, title, body FROM alert_log"
                + " ORDER BY at DESC, rowid DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new LoggedAlert(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  Instant.ofEpochMilli(rs.getLong(4)),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    return out;
  }

  /** Sum of every row of one resolution, per direction, for consistency checks. */
  long[] grandTotal(Resolution r, boolean programsOnly) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT COALESCE(SUM(sent), 0), COALESCE(SUM(received), 0) FROM "
                    + r.table
                    + (programsOnly ? " WHERE program > 0" : " WHERE program = 0"))) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** Number of rows of each table, for benchmarks. */
  Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> m = new TreeMap<>();
    List<String> tables = new ArrayList<>();
    for (Resolution r : Resolution.values()) {
      tables.add(r.table);
    }
    tables.add(PROCESS_TABLE);
    tables.add(INTERFACE_TABLE);
    tables.add("program");
    try (Statement st = conn.createStatement()) {
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rs.next();
          m.put(t, rs.getLong(1));
        }
      }
    }
    return m;
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
