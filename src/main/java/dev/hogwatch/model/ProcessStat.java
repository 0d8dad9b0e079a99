package dev.hogwatch.model;

/**
 * Accounting for one process since Hogwatch started. A process is identified by pid <em>and</em>
 * name, so a reused pid never merges two programs. pid 0 entries are traffic nethogs could not
 * attribute ("unknown TCP", connection tuples).
 *
 * <p>The record component names are the JSON contract of {@code top --json}.
 */
public record ProcessStat(
    String name,
    int pid,
    int uid,
    String user,
    long sentBytes,
    long receivedBytes,
    double sentRate,
    double receivedRate) {

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }

  public boolean unattributed() {
    return pid == 0;
  }

  public Totals totals() {
    return new Totals(sentBytes, receivedBytes, sentRate, receivedRate);
  }
}
