package dev.hogwatch.model;

/**
 * Accounting for one user since Hogwatch started, over all applications (exited processes
 * included). Traffic nobody could be found for is not any user's: it is the row {@link
 * #UNATTRIBUTED_UID} / {@link #UNATTRIBUTED_USER}.
 *
 * @param user user name
 * @param uid numeric user id
 * @param sentBytes uploaded bytes
 * @param receivedBytes downloaded bytes
 * @param sentRate current upload rate
 * @param receivedRate current download rate
 */
public record UserStat(
    String user,
    int uid,
    long sentBytes,
    long receivedBytes,
    double sentRate,
    double receivedRate) {

  /** uid of the row for traffic no process could be found for. */
  public static final int UNATTRIBUTED_UID = -1;

  /** user of the row for traffic no process could be found for. */
  public static final String UNATTRIBUTED_USER = "(unattributed)";

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }
}
