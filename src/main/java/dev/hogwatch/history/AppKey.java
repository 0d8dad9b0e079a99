package dev.hogwatch.history;

import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.UserStat;

/**
 * An application of one user as history keeps it: kind, id and uid are the identity; {@code name}
 * (display name) and {@code user} are as last seen, kept for reports.
 */
record AppKey(String kind, String id, int uid, String name, String user) {

  /** The key of an application's row in a snapshot. */
  static AppKey of(AppStat a) {
    AppId app = a.app();
    return new AppKey(app.kind().label(), app.id(), a.uid(), app.name(), a.user());
  }

  /**
   * The application a program recorded before applications were kept is taken to be: its executable
   * by nethogs's name ({@code /usr/bin/curl} → {@code exe curl}), or the unattributed traffic for
   * nethogs's pid 0 names ({@code unknown TCP}, connection tuples).
   */
  static AppKey ofProgram(String name, int uid, String user) {
    if (ProgramUsage.isUnattributed(name, uid)) {
      AppId u = AppId.UNATTRIBUTED;
      return new AppKey(
          u.kind().label(),
          u.id(),
          UserStat.UNATTRIBUTED_UID,
          u.name(),
          UserStat.UNATTRIBUTED_USER);
    }
    AppId exe = AppId.fromNethogsName(name, 1);
    return new AppKey(exe.kind().label(), exe.id(), uid, exe.name(), user);
  }

  AppUsage usage(long sent, long received) {
    return new AppUsage(kind, id, name, uid, user, sent, received);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppKey k && k.kind.equals(kind) && k.id.equals(id) && k.uid == uid;
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + id.hashCode()) * 31 + uid;
  }
}
