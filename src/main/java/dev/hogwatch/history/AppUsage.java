package dev.hogwatch.history;

/**
 * Bytes one application of one user transferred in some period (see {@code model.AppId}).
 *
 * @param kind {@code flatpak}, {@code snap}, {@code desktop}, {@code container}, {@code service},
 *     {@code exe} or {@code unattributed}
 * @param id the application's id within its kind, e.g. {@code org.mozilla.firefox}, {@code curl}
 * @param name its display name as last seen, e.g. {@code Firefox}
 * @param uid numeric user id (-1 for unattributed traffic)
 * @param user user name as last seen
 * @param sentBytes uploaded bytes
 * @param receivedBytes downloaded bytes
 */
public record AppUsage(
    String kind, String id, String name, int uid, String user, long sentBytes, long receivedBytes) {

  public long totalBytes() {
    return sentBytes + receivedBytes;
  }

  /** Traffic nobody could be found for. */
  public boolean unattributed() {
    return "unattributed".equals(kind);
  }
}
