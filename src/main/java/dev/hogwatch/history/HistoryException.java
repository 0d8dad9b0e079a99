package dev.hogwatch.history;

import dev.hogwatch.model.FileProblem;

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
    return FileProblem.words(e);
  }
}
