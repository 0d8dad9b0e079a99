package dev.hogwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A child process's own HOME and XDG folders: tests never let a program write the real ones. */
public final class ChildHome {
  private ChildHome() {}

  /** Points HOME and XDG_CONFIG/DATA/CACHE/STATE_HOME of {@code pb} into {@code home}. */
  public static ProcessBuilder in(ProcessBuilder pb, Path home) throws IOException {
    Files.createDirectories(home);
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    env.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
    return pb;
  }
}
