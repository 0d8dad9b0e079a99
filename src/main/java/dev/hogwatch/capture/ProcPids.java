package dev.hogwatch.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * Whether a pid still exists: {@code /proc/<pid>} is there. Used by the model to fold exited
 * processes away, because nethogs in {@code -v 2} keeps printing them for ever.
 */
public final class ProcPids implements IntPredicate {
  private final Path proc;

  public ProcPids(Path proc) {
    this.proc = proc;
  }

  /** The system's {@code /proc}. */
  public static ProcPids system() {
    return new ProcPids(Path.of("/proc"));
  }

  @Override
  public boolean test(int pid) {
    return pid > 0 && Files.isDirectory(proc.resolve(Integer.toString(pid)));
  }
}
