package dev.hogwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The net under every test: exceptions on other threads and SEVERE logs are caught. */
class HonestTestsTest {

  @Test
  void anExceptionOnAnotherThreadIsRecorded() throws Exception {
    Thread t =
        new Thread(
            () -> {
              throw new IllegalStateException("boom in a worker");
            },
            "test-worker");
    t.start();
    t.join();
    List<Throwable> got = HonestTests.drain(); // taken out, so that this test itself passes
    assertEquals(1, got.size(), got.toString());
    assertTrue(got.get(0).getCause().getMessage().contains("boom in a worker"));
  }

  @Test
  void anExceptionOnTheSwingEventThreadIsRecorded() throws Exception {
    EventQueue.invokeLater(
        () -> {
          throw new IllegalStateException("boom on the EDT");
        });
    EventQueue.invokeAndWait(() -> {}); // the EDT has processed the throwing event
    List<Throwable> got = HonestTests.drain();
    assertEquals(1, got.size(), got.toString());
    assertTrue(got.get(0).getMessage().contains("AWT-EventQueue"), got.get(0).getMessage());
  }

  @Test
  void aSevereLogWithAThrowableIsRecordedAWarningIsNot() {
    Logger log = Logger.getLogger("dev.hogwatch.test");
    log.log(Level.WARNING, "expected in tests: disk full", new RuntimeException("w"));
    assertEquals(List.of(), HonestTests.drain());
    log.log(Level.SEVERE, "a tab failed to build", new RuntimeException("s"));
    List<Throwable> got = HonestTests.drain();
    assertEquals(1, got.size());
    assertTrue(got.get(0).getMessage().contains("a tab failed to build"));
  }
}
