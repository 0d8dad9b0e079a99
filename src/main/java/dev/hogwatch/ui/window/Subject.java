package dev.hogwatch.ui.window;

import dev.hogwatch.model.AppId;
import dev.hogwatch.model.Snapshot;

/**
 * What a graph line is about: all traffic, the unattributed part, one application (its kind and id
 * + user), one program (name + user), or one process (name + pid + user).
 *
 * <p>Example: {@code Subject.process("/usr/bin/firefox", 4242, 1000)} is the firefox process the
 * user clicked in the table; {@link #GLOBAL} is what the chart shows when nothing is selected.
 *
 * @param kind which of the four
 * @param name nethogs's program name (empty for global and unattributed; for an application its
 *     {@link AppId#key()}, e.g. {@code "flatpak:org.mozilla.firefox"})
 * @param pid process id (0 unless {@code kind == PROCESS})
 * @param uid user id (-1 for global and unattributed)
 */
public record Subject(Kind kind, String name, int pid, int uid) {

  /** The kinds of subject. */
  public enum Kind {
    GLOBAL,
    UNATTRIBUTED,
    UNSEEN,
    PROGRAM,
    PROCESS,
    APP
  }

  /** All traffic. */
  public static final Subject GLOBAL = new Subject(Kind.GLOBAL, "", 0, -1);

  /** Traffic nethogs could not attribute to a process (its pid 0 lines). */
  public static final Subject UNATTRIBUTED = new Subject(Kind.UNATTRIBUTED, "", 0, -1);

  /**
   * What the interfaces carried that nethogs never reported ({@link Snapshot#unseen()}); history
   * keeps it as a pseudo-program of this name and uid -2.
   */
  public static final Subject UNSEEN = new Subject(Kind.UNSEEN, Snapshot.UNSEEN_LABEL, 0, -2);

  public Subject {
    if (name == null) {
      throw new IllegalArgumentException("name must not be null");
    }
  }

  /** One process; pid 0 means the unattributed traffic. */
  public static Subject process(String name, int pid, int uid) {
    return pid == 0 ? UNATTRIBUTED : new Subject(Kind.PROCESS, name, pid, uid);
  }

  /** One program: all processes of this name run by this user. */
  public static Subject program(String name, int uid) {
    return new Subject(Kind.PROGRAM, name, 0, uid);
  }

  /** One application of one user: all its processes (found in other namespaces included). */
  public static Subject app(AppId app, int uid) {
    return new Subject(Kind.APP, app.key(), 0, uid);
  }

  /** The application's identity of an {@link Kind#APP} subject: {@code {kind, id}}. */
  public String[] appKey() {
    int colon = name.indexOf(':');
    return colon < 0
        ? new String[] {"exe", name}
        : new String[] {name.substring(0, colon), name.substring(colon + 1)};
  }

  /** The subject's program (itself unless a process). */
  public Subject asProgram() {
    return kind == Kind.PROCESS ? program(name, uid) : this;
  }

  /** A short name for legends, e.g. {@code "firefox (4242)"}. */
  public String label() {
    return switch (kind) {
      case GLOBAL -> "All";
      case UNATTRIBUTED -> "Unattributed";
      case UNSEEN -> Snapshot.UNSEEN_LABEL;
      case PROGRAM -> shortName(name);
      case PROCESS -> shortName(name) + " (" + pid + ")";
      case APP -> appKey()[1];
    };
  }

  /** The last path element of a program name: {@code "/usr/lib/firefox/firefox"} → "firefox". */
  static String shortName(String name) {
    String n = name.strip();
    int slash = n.lastIndexOf('/', n.length() - 2);
    // keep arguments (nethogs -l) but drop the directory of the executable
    int space = n.indexOf(' ');
    if (space > 0 && slash > space) {
      slash = n.lastIndexOf('/', space);
    }
    return slash >= 0 && slash < n.length() - 1 ? n.substring(slash + 1) : n;
  }
}
