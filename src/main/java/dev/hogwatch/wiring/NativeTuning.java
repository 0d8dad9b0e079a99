package dev.hogwatch.wiring;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Process-wide native settings for the desktop modes (tray, window), applied before GTK starts.
 * They keep a tray icon that sits there all day small; measured with {@code .dev/bench-launcher.sh}
 * (README, "Performance"): {@code mallopt(M_ARENA_MAX, 2)}, since glibc otherwise gives threads
 * their own malloc arenas (up to 8 per core), each holding on to freed memory. ({@code
 * GDK_GL=disable}, the other saving, is set by {@code Tray.start}, where GTK starts.)
 *
 * <p>Example: {@code NativeTuning.forDesktop()} as the first thing the tray launcher does; failures
 * (no libc through JNA) are logged at FINE and ignored.
 */
final class NativeTuning {
  private static final Logger LOG = Logger.getLogger(NativeTuning.class.getName());

  /** glibc's {@code M_ARENA_MAX} parameter of {@code mallopt}. */
  private static final int M_ARENA_MAX = -8;

  private NativeTuning() {}

  /** The libc function we call. */
  interface LibC extends Library {
    int mallopt(int param, int value);
  }

  /** Applies the settings; call before the first GTK or AWT use. */
  static void forDesktop() {
    try {
      LibC c = Native.load("c", LibC.class);
      c.mallopt(M_ARENA_MAX, 2);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.log(Level.FINE, "native tuning skipped", e);
    }
  }
}
