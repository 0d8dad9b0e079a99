package dev.hogwatch.model;

/**
 * Accounting for one process since Hogwatch started. A process is identified by pid <em>and</em>
 * name, so a reused pid never merges two programs. pid 0 entries are traffic nethogs could not
 * attribute ("unknown TCP", connection tuples).
 *
 * <p>The record component names are the JSON contract of {@code top --json}; {@code app} is the
 * application the process belongs to ({@link AppId#fromNethogsName} when nothing better is known).
 */
public record ProcessStat(
    String name,
    int pid,
    int uid,
    String user,
    long sentBytes,
    long receivedBytes,
    double sentRate,
    double receivedRate,
    AppId app) {

  public ProcessStat {
    if (app == null) {
      throw new IllegalArgumentException("app must not be null");
    }
  }

  /** A process whose application is known only by nethogs's name. */
  public ProcessStat(
      String name,
      int pid,
      int uid,
      String user,
      long sentBytes,
      long receivedBytes,
      double sentRate,
      double receivedRate) {
    this(
        name,
        pid,
        uid,
        user,
        sentBytes,
        receivedBytes,
        sentRate,
        receivedRate,
        AppId.fromNethogsName(name, pid));
  }

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }

  /**
   * True for traffic nethogs could not attribute (pid 0) that was not resolved to another network
   * namespace's application either.
   */
  public boolean unattributed() {
    return pid == 0 && app.unattributed();
  }

  public Totals totals() {
    return new Totals(sentBytes, receivedBytes, sentRate, receivedRate);
  }
}
