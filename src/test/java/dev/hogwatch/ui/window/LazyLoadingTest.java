package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tray may record the past and hold {@link Graphs} without loading FlatLaf or XChart: a fresh
 * JVM runs {@link LazyLoadingProbe} with {@code -verbose:class} and lists what it loaded.
 */
class LazyLoadingTest {
  @Test
  void recordingAndTheEntryPointLoadNeitherFlatLafNorXChart() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-verbose:class",
                    "-Djava.awt.headless=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LazyLoadingProbe.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("probe done Graphs"), out);
    assertTrue(out.contains("dev.hogwatch.ui.window.MemoryPast"), "the probe did record");
    assertFalse(out.contains("com.formdev.flatlaf"), "FlatLaf loaded");
    assertFalse(out.contains("org.knowm.xchart"), "XChart loaded");
  }
}
