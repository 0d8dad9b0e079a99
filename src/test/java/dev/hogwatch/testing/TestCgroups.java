package dev.hogwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real cgroups for tests, in the cgroup v2 hierarchy ({@code /sys/fs/cgroup} on a pure v2 system,
 * {@code /sys/fs/cgroup/unified} on a hybrid one): {@link #create} makes a directory (and its
 * missing parents), a process joins it when its pid is written to {@code cgroup.procs} (see {@link
 * #joinCommand}); {@link #close()} removes every directory made here, deepest first, once it is
 * empty. Names must be unique per test run (callers put a random tag in them).
 *
 * <p>Needs root and a writable v2 hierarchy.
 */
public final class TestCgroups implements AutoCloseable {
  private final Path root;
  private final List<Path> made = new ArrayList<>();

  private TestCgroups(Path root) {
    this.root = root;
  }

  /** The writable cgroup v2 root, if there is one. */
  public static Optional<Path> v2Root() {
    for (Path p : List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified"))) {
      if (Files.exists(p.resolve("cgroup.controllers"))
          && Files.exists(p.resolve("cgroup.procs"))
          && Files.isWritable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Why cgroups cannot be made here, or empty. */
  public static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("needs root to create cgroups");
    }
    return v2Root().isPresent()
        ? Optional.empty()
        : Optional.of("needs a writable cgroup v2 hierarchy (/sys/fs/cgroup or .../unified)");
  }

  public static TestCgroups open() {
    return new TestCgroups(v2Root().orElseThrow());
  }

  /**
   * Makes {@code relative} (e.g. {@code "system.slice/hw42.service"}) and its missing parents;
   * returns its {@code cgroup.procs} file.
   */
  public Path create(String relative) {
    Path dir = root.resolve(relative);
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; !p.equals(root) && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    try {
      for (Path p : missing) {
        Files.createDirectory(p);
        synchronized (made) {
          made.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve("cgroup.procs");
  }

  /**
   * {@code sh -c} arguments that move the shell into {@code procs} and then exec {@code command},
   * so the command runs in that cgroup with the shell's pid.
   */
  public static String[] joinCommand(Path procs, String... command) {
    StringBuilder sb = new StringBuilder("echo $$ > '" + procs + "' && exec");
    for (String c : command) {
      sb.append(" '").append(c.replace("'", "'\\''")).append("'");
    }
    return new String[] {"sh", "-c", sb.toString()};
  }

  /** Removes what {@link #create} made, deepest first; a cgroup still in use is left. */
  @Override
  public void close() {
    List<Path> dirs;
    synchronized (made) {
      dirs = new ArrayList<>(made);
      made.clear();
    }
    dirs.sort((a, b) -> b.getNameCount() - a.getNameCount());
    for (Path p : dirs) {
      for (int i = 0; i < 50; i++) { // an exited process leaves its cgroup a moment later
        try {
          Files.deleteIfExists(p);
          break;
        } catch (IOException e) {
          try {
            Thread.sleep(100);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    }
  }
}
