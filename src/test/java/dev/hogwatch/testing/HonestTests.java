package dev.hogwatch.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Registered for every test (META-INF/services, junit-platform.properties), so that no test can
 * pass by looking away:
 *
 * <ul>
 *   <li><b>Strict mode</b> ({@code CI=true}, as CI runs, or {@code HOGWATCH_TEST_STRICT=1}, as
 *       {@code .dev/test.sh} sets): a test that would be skipped because something it needs is
 *       missing (an assumption: root, nethogs, Xvfb, trayer, Chromium, a display…) fails instead,
 *       with the assumption's message. Outside strict mode it is skipped as usual.
 *   <li><b>Exceptions on other threads</b>: an exception that escapes any thread while a test runs
 *       (the Swing event thread included) fails that test; so does a SEVERE log record with a
 *       throwable (what the program logs for a bug it caught, e.g. a window tab that failed to
 *       build).
 * </ul>
 */
public final class HonestTests
    implements BeforeEachCallback,
        AfterEachCallback,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  /** Whether a skipped test must fail: in CI and in .dev/test.sh. */
  public static boolean strict() {
    return "true".equalsIgnoreCase(System.getenv("CI"))
        || "1".equals(System.getenv("HOGWATCH_TEST_STRICT"))
        || Boolean.getBoolean("hogwatch.test.strict");
  }

  private static final List<Throwable> escaped = new ArrayList<>();
  private static final Handler SEVERE =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.SEVERE.intValue() && r.getThrown() != null) {
            record(
                new AssertionError(
                    "logged SEVERE by " + r.getLoggerName() + ": " + r.getMessage(),
                    r.getThrown()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  static {
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          System.err.println("uncaught exception in thread " + t.getName());
          e.printStackTrace();
          record(new AssertionError("uncaught exception in thread " + t.getName(), e));
        });
    Logger.getLogger("").addHandler(SEVERE);
  }

  private static void record(Throwable t) {
    synchronized (escaped) {
      escaped.add(t);
    }
  }

  /** Exceptions recorded so far (and forgets them). */
  static List<Throwable> drain() {
    synchronized (escaped) {
      List<Throwable> out = List.copyOf(escaped);
      escaped.clear();
      return out;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // what escaped between tests (e.g. a previous test's leftover thread) is reported there
    List<Throwable> before = drain();
    if (!before.isEmpty()) {
      System.err.println(
          "exceptions escaped outside any test before " + context.getDisplayName() + ": " + before);
    }
    // Swing's event thread may run with its own handler: make sure it reports here too
    if (Thread.getDefaultUncaughtExceptionHandler() == null) {
      throw new IllegalStateException("the default uncaught exception handler was removed");
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<Throwable> all = drain();
    if (!all.isEmpty()) {
      AssertionError e =
          new AssertionError(
              all.size() + " exception(s) escaped while the test ran; the first:", all.get(0));
      for (Throwable t : all.subList(1, all.size())) {
        e.addSuppressed(t);
      }
      throw e;
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
    throw strictly(context, t);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t)
      throws Throwable {
    throw strictly(context, t);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t)
      throws Throwable {
    throw strictly(context, t);
  }

  private static Throwable strictly(ExtensionContext context, Throwable t) {
    if (t instanceof TestAbortedException && strict()) {
      Optional<Method> m = context.getTestMethod();
      AssertionError e =
          new AssertionError(
              "skipped in strict mode (CI): "
                  + t.getMessage()
                  + m.map(
                          x ->
                              " ["
                                  + x.getDeclaringClass().getSimpleName()
                                  + "."
                                  + x.getName()
                                  + "]")
                      .orElse(""));
      e.setStackTrace(t.getStackTrace());
      return e;
    }
    return t;
  }
}
