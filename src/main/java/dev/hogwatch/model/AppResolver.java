package dev.hogwatch.model;

/**
 * Resolves the application of a nethogs line. Implemented at the edge ({@code capture}), which
 * reads {@code /proc}; the model calls it once per new (name, pid, uid) and again only for
 * unattributed connection tuples that are still unresolved.
 *
 * <p>Example: {@code AppResolver.BY_NAME.resolve("/usr/bin/curl", 42, 1000)} gives {@code new
 * Attribution(AppId.exe("curl"), 1000)}.
 */
@FunctionalInterface
public interface AppResolver {

  /**
   * The application and the user to account a line to.
   *
   * @param name nethogs's name field (for pid 0: {@code "unknown TCP"} or a connection tuple)
   * @param pid process id, 0 for traffic nethogs could not attribute
   * @param uid user id nethogs printed
   */
  Attribution resolve(String name, int pid, int uid);

  /**
   * Whose traffic it is.
   *
   * @param app the application
   * @param uid the user (for a resolved connection tuple: the owner of the process found)
   * @param pid the process found for a connection tuple, or the line's own pid
   */
  record Attribution(AppId app, int uid, int pid) {
    public Attribution(AppId app, int uid) {
      this(app, uid, -1);
    }
  }

  /** No operating system: executables by nethogs's name, pid 0 unattributed. */
  AppResolver BY_NAME =
      (name, pid, uid) -> new Attribution(AppId.fromNethogsName(name, pid), uid, pid);
}
