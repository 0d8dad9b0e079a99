package dev.hogwatch.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake file system root for {@link AppIdentity} and {@link NetNamespaces}: {@code proc/<pid>/…}
 * files written the way the kernel shows them, symbolic links for {@code exe}, {@code ns/net} and
 * {@code fd/<n>} (their targets need not exist, as in the real {@code /proc}).
 */
final class FakeProc {
  final Path root;

  FakeProc(Path root) {
    this.root = root;
  }

  Path proc() {
    return root.resolve("proc");
  }

  /** A process: stat with its parent and start time, cgroup text, argv, exe (null: unreadable). */
  FakeProc process(int pid, int ppid, long start, String cgroup, String exe, String... argv) {
    write(
        pid + "/stat",
        pid
            + " ("
            + (argv.length > 0 ? argv[0] : "x")
            + ") S "
            + ppid
            + " 1 1 0 -1 4194560 100 0 0 0 1 1 0 0 20 0 1 0 "
            + start
            + " 1000 100");
    if (cgroup != null) {
      write(pid + "/cgroup", cgroup);
    }
    write(pid + "/cmdline", argv.length == 0 ? "" : String.join("\0", argv) + "\0");
    write(pid + "/status", "Name:\tx\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\n");
    if (exe != null) {
      link(pid + "/exe", exe);
    }
    return this;
  }

  /** Replaces the uid line of a process's status. */
  FakeProc uid(int pid, int uid) {
    write(pid + "/status", "Name:\tx\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
    return this;
  }

  /** A file below {@code proc/}. */
  FakeProc write(String relative, String text) {
    writeAbsolute(proc().resolve(relative), text);
    return this;
  }

  /** A symbolic link below {@code proc/}. */
  FakeProc link(String relative, String target) {
    try {
      Path l = proc().resolve(relative);
      Files.createDirectories(l.getParent());
      Files.deleteIfExists(l);
      Files.createSymbolicLink(l, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A file anywhere below the root. */
  FakeProc file(String relative, String text) {
    writeAbsolute(root.resolve(relative), text);
    return this;
  }

  private static void writeAbsolute(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
