package dev.hogwatch.model;

import java.util.Locale;

/**
 * Who a process really is: the application it belongs to, as resolved once per process from its
 * cgroup, executable and command line (see {@code capture.AppIdentity}). Plain value, no I/O.
 *
 * <p>Examples: {@code new AppId(Kind.FLATPAK, "org.mozilla.firefox", "Firefox", "firefox")}, {@code
 * AppId.exe("sync.py (python3)")}, {@link #UNATTRIBUTED} for traffic nobody could be found for.
 *
 * @param kind where the identity came from
 * @param id stable identifier within the kind (flatpak app id, snap name, desktop id, 12 hex digits
 *     of a container, service name, executable name)
 * @param name display name (from the matching {@code .desktop} file, a container's name, or {@code
 *     id})
 * @param icon icon name or absolute icon path from the {@code .desktop} file, or empty
 */
public record AppId(Kind kind, String id, String name, String icon) {

  /** Where an identity came from; {@link #label()} is its JSON and metrics spelling. */
  public enum Kind {
    FLATPAK,
    SNAP,
    DESKTOP,
    CONTAINER,
    SERVICE,
    EXE,
    UNATTRIBUTED;

    /** Lower case: {@code "flatpak"}, {@code "exe"}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for {@link #label()}, or {@link #EXE} for anything unknown. */
    public static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label().equals(label)) {
          return k;
        }
      }
      return EXE;
    }
  }

  /** Traffic nethogs could not tie to a process and that no namespace explained. */
  public static final AppId UNATTRIBUTED =
      new AppId(Kind.UNATTRIBUTED, "unattributed", "Unattributed", "");

  public AppId {
    if (kind == null || id == null || name == null || icon == null) {
      throw new IllegalArgumentException("AppId fields must not be null");
    }
  }

  /** An executable (or interpreted script) known only by its name. */
  public static AppId exe(String name) {
    return new AppId(Kind.EXE, name, name, "");
  }

  /**
   * The identity of a nethogs line when nothing else is known: pid 0 lines are {@link
   * #UNATTRIBUTED}, others the base name of nethogs's name field ({@code "/usr/bin/curl"} → {@code
   * curl}; {@code "Isolated Web Co"} stays as it is).
   */
  public static AppId fromNethogsName(String name, int pid) {
    if (pid == 0) {
      return UNATTRIBUTED;
    }
    return exe(baseName(name));
  }

  /** The part after the last '/', or the whole string when that part is empty. */
  public static String baseName(String path) {
    String s = path;
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    int i = s.lastIndexOf('/');
    String b = i >= 0 ? s.substring(i + 1) : s;
    return b.isEmpty() ? path : b;
  }

  /** Identity only: kind and id (the name and icon may be refined later). */
  public String key() {
    return kind.label() + ":" + id;
  }

  public boolean unattributed() {
    return kind == Kind.UNATTRIBUTED;
  }
}
