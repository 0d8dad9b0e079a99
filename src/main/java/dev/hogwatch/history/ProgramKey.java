package dev.hogwatch.history;

import dev.hogwatch.model.Snapshot;

/**
 * A program as history keeps it: nethogs's name and the numeric user id; {@code user} is the user
 * name seen with it (kept for reports, not part of the identity).
 */
record ProgramKey(String name, int uid, String user) {

  /** The pseudo-program under which the total of all programs is kept. */
  static final ProgramKey TOTAL = new ProgramKey("", -1, "");

  /**
   * The pseudo-program under which the bytes nethogs never saw are kept ({@code Snapshot#unseen}):
   * uid -2 belongs to no user and no program.
   */
  static final ProgramKey UNSEEN = new ProgramKey(Snapshot.UNSEEN_LABEL, -2, "");

  boolean isTotal() {
    return uid == -1 && name.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProgramKey k && k.name.equals(name) && k.uid == uid;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + uid;
  }
}
