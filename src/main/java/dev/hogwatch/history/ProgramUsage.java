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
}
