package dev.hogwatch.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The history file of one recording Hogwatch, on the writer thread: creates its folder (mode 0700),
 * takes the lock that keeps a second Hogwatch from counting the same traffic twice, opens the
 * store, and when the file cannot be used moves a damaged one aside and starts afresh, or keeps
 * history in memory for the session. Every outcome is a {@link HistoryStatus} handed to {@code
 * status}, in words for people; SQLite's own text goes to the log only.
 */
final class HistoryFile {
  private static final Logger LOG = Logger.getLogger(HistoryFile.class.getName());
  private static final String FILE_NAME = History.FILE_NAME;

  private final Path dataDir;
  private final ZoneId zone;
  private final Clock clock;
  private final Consumer<HistoryStatus> status;
  private HistoryStore store;
  private FileChannel lockChannel;
  private FileLock lock;

  HistoryFile(Path dataDir, Clock clock, Consumer<HistoryStatus> status) {
    this.dataDir = dataDir;
    this.clock = clock;
    this.zone = clock.getZone();
    this.status = status;
  }

  /** The open store, or null when history is off (writer thread). */
  HistoryStore store() {
    return store;
  }

  private void setStatus(HistoryStatus s) {
    status.accept(s);
  }

  /** Opens (or recovers, or replaces with memory) the file; the outcome is in the status. */
  void open() {
    Path dir = dataDir;
    Path file = dir.resolve(FILE_NAME);
    try {
      if (!Files.isDirectory(dir)) {
        createPrivateDirectories(dir);
      }
      if (!lock(dir)) {
        return;
      }
      if (Files.exists(file) && Files.isReadable(file) && readOnly(file)) {
        // kept as it is: report and the window can still read it
        toMemory(
            "the history file is read-only, so it is kept as it is (chmod u+w "
                + file
                + " to record into it)");
        return;
      }
      if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
        recover(file, "it cannot be read or written by this user");
        return;
      }
      store = HistoryStore.open(file, zone);
      setStatus(new HistoryStatus(HistoryStatus.State.RECORDING, "", file));
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "opening " + file, e);
      if (damaged(e)) {
        recover(file, damage(e));
      } else {
        toMemory(reason(e));
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "opening " + file, e);
      toMemory(reason(e));
    }
  }

  /** True when the owner may not write {@code file} (mode 0400), or this user may not. */
  private static boolean readOnly(Path file) throws IOException {
    return !Files.isWritable(file)
        || !Files.getPosixFilePermissions(file)
            .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  /**
   * Creates {@code dir} and any missing parent with mode 0700, whatever the umask (under {@code
   * umask 000} plain {@code createDirectories} would leave them world-writable).
   */
  static void createPrivateDirectories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    java.util.Deque<Path> missing = new java.util.ArrayDeque<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> rwx =
        PosixFilePermissions.fromString("rwx------");
    while (!missing.isEmpty()) {
      Path p = missing.pop();
      try {
        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(rwx));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
        continue; // made by someone else meanwhile
      }
      Files.setPosixFilePermissions(p, rwx); // the umask may have taken bits away, never added
    }
  }

  private boolean lock(Path dir) throws IOException {
    lockChannel =
        FileChannel.open(
            dir.resolve("history.lock"),
            java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      lockChannel = null;
      setStatus(
          HistoryStatus.off(
              "Another Hogwatch is recording history in "
                  + dir
                  + "; this one does not, so nothing is counted twice."));
      return false;
    }
    return true;
  }

  /** Moves a damaged or unreadable file aside and starts a fresh one. */
  private void recover(Path file, String why) {
    closeStore();
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .format(clock.instant().atZone(zone));
    Path aside = file.resolveSibling(FILE_NAME + ".broken-" + stamp);
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path side = file.resolveSibling(FILE_NAME + suffix);
        if (Files.exists(side)) {
          Files.move(
              side,
              aside.resolveSibling(aside.getFileName() + suffix),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      store = HistoryStore.open(file, zone);
      setStatus(
          new HistoryStatus(
              HistoryStatus.State.RECOVERED,
              "The history file "
                  + file
                  + " could not be used: "
                  + why
                  + ". It was moved to "
                  + aside.getFileName()
                  + " and a new history was started.",
              file));
    } catch (IOException e) {
      toMemory(reason(e));
    } catch (SQLException e) {
      toMemory(reason(e));
    }
  }

  private void toMemory(String why) {
    closeStore();
    Path file = dataDir.resolve(FILE_NAME);
    try {
      store = HistoryStore.inMemory(zone);
      setStatus(
          new HistoryStatus(
              HistoryStatus.State.MEMORY_ONLY,
              "History is not being saved: "
                  + why
                  + " ("
                  + file
                  + "). Keeping it in memory until Hogwatch quits.",
              null));
    } catch (SQLException | RuntimeException e) {
      store = null;
      LOG.log(Level.WARNING, "in-memory history failed", e);
      setStatus(
          HistoryStatus.off(
              "History is off: "
                  + why
                  + ", and it cannot be kept in memory either. Restart Hogwatch; if this stays,"
                  + " report it with the log (-Dhogwatch.log=FINE)."));
    }
  }

  /** A write failed: recovers a damaged file, else keeps history in memory. */
  void failed(SQLException e) {
    LOG.log(Level.WARNING, "history write failed", e);
    Path file = store == null ? null : store.file();
    if (file != null && damaged(e)) {
      recover(file, damage(e));
    } else if (file != null) {
      toMemory(reason(e));
    }
  }

  private static boolean damaged(SQLException e) {
    int code = primary(e);
    return code == SQLiteErrorCode.SQLITE_CORRUPT.code
        || code == SQLiteErrorCode.SQLITE_NOTADB.code;
  }

  private static int primary(SQLException e) {
    if (e instanceof SQLiteException se) {
      return se.getResultCode().code & 0xff;
    }
    return e.getErrorCode() & 0xff;
  }

  private static String reason(SQLException e) {
    int code = primary(e);
    if (code == SQLiteErrorCode.SQLITE_FULL.code) {
      return "the disk is full";
    } else if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
      return "the file or its directory is read-only";
    } else if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code
        || code == SQLiteErrorCode.SQLITE_PERM.code) {
      return "the file cannot be opened";
    } else if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
      return "a disk error occurred";
    }
    return "SQLite could not use it (error " + code + "; the details are in the log)";
  }

  /** Why a file counts as damaged, in words; SQLite's own text goes to the log only. */
  private static String damage(SQLException e) {
    return primary(e) == SQLiteErrorCode.SQLITE_NOTADB.code
        ? "it is not a history file (not an SQLite database)"
        : "it is damaged";
  }

  private static String reason(IOException e) {
    String file = e instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
    if (e instanceof AccessDeniedException) {
      return "permission denied for " + file;
    } else if (e instanceof java.nio.file.FileAlreadyExistsException
        || e instanceof java.nio.file.NotDirectoryException) {
      return file + " is a file, not a folder";
    } else if (e instanceof java.nio.file.FileSystemException && file != null) {
      return file + " cannot be created or opened";
    }
    return "a disk error occurred";
  }

  void closeStore() {
    if (store != null) {
      try {
        store.close();
      } catch (SQLException e) {
        LOG.log(Level.FINE, "closing history store", e);
      }
      store = null;
    }
  }

  void unlock() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "unlock", e);
    }
    lock = null;
    lockChannel = null;
  }
}
