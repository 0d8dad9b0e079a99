package dev.hogwatch.model;

import java.util.List;

/**
 * Accounting for one application of one user since Hogwatch started: all its processes, including
 * those that exited and were folded away.
 *
 * @param app the application
 * @param uid numeric user id
 * @param user user name for {@code uid}
 * @param sentBytes uploaded bytes
 * @param receivedBytes downloaded bytes
 * @param sentRate current upload rate of its live processes
 * @param receivedRate current download rate of its live processes
 * @param pids live pids, ascending (empty for unattributed traffic)
 * @param processes its live process rows (pid 0 connection tuples for unattributed traffic),
 *     largest first
 */
public record AppStat(
    AppId app,
    int uid,
    String user,
    long sentBytes,
    long receivedBytes,
    double sentRate,
    double receivedRate,
    List<Integer> pids,
    List<ProcessStat> processes) {
  public AppStat {
    pids = List.copyOf(pids);
    processes = List.copyOf(processes);
  }

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }

  public Totals totals() {
    return new Totals(sentBytes, receivedBytes, sentRate, receivedRate);
  }
}
