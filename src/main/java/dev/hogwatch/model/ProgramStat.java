package dev.hogwatch.model;

import java.util.List;

/**
 * Accounting for one program (nethogs name + user) since Hogwatch started, summing all its
 * processes, including those that have exited and were folded away.
 *
 * @param name nethogs's name field
 * @param uid numeric user id
 * @param user user name for {@code uid}
 * @param sentBytes uploaded bytes, all processes
 * @param receivedBytes downloaded bytes, all processes
 * @param sentRate current upload rate of the live processes
 * @param receivedRate current download rate of the live processes
 * @param pids live pids of this program, ascending
 */
public record ProgramStat(
    String name,
    int uid,
    String user,
    long sentBytes,
    long receivedBytes,
    double sentRate,
    double receivedRate,
    List<Integer> pids) {
  public ProgramStat {
    pids = List.copyOf(pids);
  }

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }
}
