package dev.hogwatch.history;

/**
 * Bytes one program (nethogs name and user) transferred in some period.
 *
 * @param name nethogs's name field, e.g. {@code /usr/bin/curl}
 * @param uid numeric user id
 * @param user user name as seen when recorded
 * @param sentBytes uploaded bytes
 * @param receivedBytes downloaded bytes
 */
public record ProgramUsage(String name, int uid, String user, long sentBytes, long receivedBytes) {

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }

  /**
   * Whether this is traffic nethogs could not tie to a process: its pid 0 lines ({@code unknown
   * TCP}, {@code unknown UDP}, or a connection tuple like {@code 10.77.1.1:50982-10.77.1.2:6002}),
   * which history keeps under their names like programs.
   */
  public boolean unattributed() {
    return isUnattributed(name, uid);
  }

  private static final java.util.regex.Pattern TUPLE =
      java.util.regex.Pattern.compile("[0-9A-Fa-f.:\\[\\]]+:\\d+-[0-9A-Fa-f.:\\[\\]]+:\\d+");

  static boolean isUnattributed(String name, int uid) {
    return uid == 0
        && (name.equals("unknown TCP")
            || name.equals("unknown UDP")
            || TUPLE.matcher(name).matches());
  }
}
