package dev.hogwatch.ui.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.testing.XSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 10,000 menu and icon updates on a real native tray leave heap, file descriptors and threads flat
 * (figures compared after 1,000 and after 10,000 updates). Resident memory is printed, not
 * asserted: it grew in some runs (see README, Performance).
 */
class TrayLeakIT {

  @Test
  void tenThousandUpdatesLeaveHeapAndNativeHandlesFlat() throws Exception {
    assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
    String jar = System.getProperty("hogwatch.jar", "");
    assumeTrue(!jar.isEmpty() && Files.isRegularFile(Path.of(jar)), "hogwatch.jar not built");
    Path testClasses =
        Path.of(TrayLeakMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (XSession x = XSession.start(XSession.Panel.LIGHT)) {
      Path cp1 = x.userCopy(Path.of(jar));
      Path cp2 = x.userCopy(testClasses);
      Path out = x.dir().resolve("data").resolve("leak.txt");
      Process p =
          x.runAsUser(
              x.dir().resolve("leak.log"),
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              // the whole heap resident from the start: RSS growth then means native memory
              "-Xms64m",
              "-Xmx64m",
              "-XX:+AlwaysPreTouch",
              "-XX:+UseSerialGC",
              "-cp",
              cp1 + ":" + cp2,
              TrayLeakMain.class.getName(),
              out.toString());
      assertTrue(p.waitFor(150, TimeUnit.SECONDS), () -> "too slow:\n" + x.log("leak.log"));
      assertEquals(0, p.exitValue(), () -> x.log("leak.log"));
      List<String> lines = Files.readAllLines(out);
      System.out.println("TrayLeakIT: " + lines);
      String[] a = lines.get(1).split(" ", -1);
      String[] b = lines.get(2).split(" ", -1);
      assertEquals("1000", a[1]);
      assertEquals("10000", b[1]);
      long heapGrowth = Long.parseLong(b[3]) - Long.parseLong(a[3]);
      long fdGrowth = Long.parseLong(b[5]) - Long.parseLong(a[5]);
      long threadGrowth = Long.parseLong(b[7]) - Long.parseLong(a[7]);
      long rssGrowthKb = Long.parseLong(b[9]) - Long.parseLong(a[9]);
      assertTrue(heapGrowth < 3_000_000, "heap grew by " + heapGrowth + " bytes");
      assertTrue(fdGrowth <= 2, "file descriptors grew by " + fdGrowth);
      assertTrue(threadGrowth <= 1, "threads grew by " + threadGrowth);
      // not asserted: resident memory grew by 2 to 26 MB in different runs (GTK side, under
      // updates far faster than the real one per second); printed for the record, see README
      System.out.println("TrayLeakIT: resident memory growth " + rssGrowthKb + " kB");
      assertTrue(lines.contains("failure none"), lines.toString());
      long iconUpdates = Long.parseLong(lines.get(3).split(" ", -1)[1]);
      assertTrue(iconUpdates > 100 && iconUpdates <= 10_000, "icon updates " + iconUpdates);
    }
  }
}
