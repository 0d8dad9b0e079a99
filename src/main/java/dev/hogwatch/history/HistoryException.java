package dev.hogwatch.history;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;

/**
 * The history file could not be read or written. Its message is words for people ({@code
 * "permission denied"}, {@code "file is not a database"}), never SQLite's class names or codes; the
 * cause keeps the details for the log. The only exception that leaves the {@code history} package.
 */
public final class HistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HistoryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Wraps a failure of SQLite or of the file system. */
  static HistoryException of(Exception e) {
    return new HistoryException(words(e), e);
  }

  /** What went wrong with the file, in words for a screen or a terminal. */
  static String words(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof SQLException s) {
      String m = s.getMessage() == null ? "" : s.getMessage();
      // sqlite-jdbc: "[SQLITE_NOTADB] File opened that is not a database file (file is not a
      // database)": keep the words, drop the bracketed code
      m = m.replaceFirst("^\\[[A-Z_]+\\]\\s*", "").strip();
      return m.isEmpty() || m.contains("Exception") ? "SQLite could not read it" : m;
    }
    if (e instanceof IOException) {
      String m = e.getMessage();
      return m == null || m.isBlank() || m.contains("Exception") ? "read error" : m;
    }
    return "read error";
  }
}
