package dev.hogwatch.model;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;

/**
 * What went wrong with a file, in words for a screen or a terminal: never an exception's class name
 * or a stack trace. Example: {@code FileProblem.words(new NoSuchFileException("/x"))} is {@code "no
 * such file"}.
 */
public final class FileProblem {
  private FileProblem() {}

  /** The words for {@code e}, a failure of the file system or of SQLite. */
  public static String words(Exception e) {
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
    String m = e.getMessage();
    return m == null || m.isBlank() || m.contains("Exception") ? "read error" : m;
  }
}
