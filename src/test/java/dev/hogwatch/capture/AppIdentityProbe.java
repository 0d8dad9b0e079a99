package dev.hogwatch.capture;

import dev.hogwatch.model.AppId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Benchmark access to {@link AppIdentity}: resolves live pids one after another, uncached. */
public final class AppIdentityProbe {
  private final AppIdentity identity;
  private final int[] pids;
  private int next;

  private AppIdentityProbe(AppIdentity identity, int[] pids) {
    this.identity = identity;
    this.pids = pids;
  }

  /** The real system; the desktop index is built here, not in the measurement. */
  public static AppIdentityProbe system() {
    AppIdentity identity = AppIdentity.system(System.getenv(), AppIdentity.TupleFinder.NONE);
    int[] pids;
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      pids =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.chars().allMatch(Character::isDigit))
              .mapToInt(Integer::parseInt)
              .toArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    identity.resolve("warm-up", 1, 0); // builds the desktop index
    return new AppIdentityProbe(identity, pids);
  }

  /** How many pids are resolved round-robin. */
  public int pids() {
    return pids.length;
  }

  /** Resolves the next pid as if it were new. */
  public AppId resolveNext() {
    identity.forget();
    int pid = pids[next++ % pids.length];
    return identity.resolve("fallback", pid, 0).app();
  }

  /** Every live pid's application, for a look at what this machine runs. */
  public List<String> all() {
    List<String> out = new java.util.ArrayList<>();
    for (int pid : pids) {
      AppId a = identity.resolve("fallback", pid, 0).app();
      out.add(pid + " " + a.kind().label() + " " + a.id() + " \"" + a.name() + "\"");
    }
    return out;
  }
}
