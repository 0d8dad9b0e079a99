package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.Accounting;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Hub;
import dev.hogwatch.serve.HistorySource;
import dev.hogwatch.serve.ServeOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tray's share toggle starts and stops the web server, and explains a busy port. */
class WebShareTest {

  private static Hub hub() {
    return new Hub(
        new Accounting(1, 10, p -> true, u -> "u"), CaptureStatus.of(CaptureStatus.State.DEMO, ""));
  }

  private static int get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void onAndOff() throws Exception {
    try (Hub hub = hub();
        WebShare share =
            new WebShare(hub, HistorySource.NONE, ServeOptions.defaults().withPort(0))) {
      assertFalse(share.enabled());
      assertEquals("", share.set(true));
      assertTrue(share.enabled());
      URI url = share.url().orElseThrow();
      assertEquals(200, get(url.resolve("/api/snapshot")));
      assertEquals("", share.set(true), "on twice is still on");
      assertEquals("", share.set(false));
      assertFalse(share.enabled());
      assertTrue(share.url().isEmpty());
      assertThrows(
          IOException.class,
          () -> new Socket(InetAddress.getLoopbackAddress(), url.getPort()).close());
    }
  }

  @Test
  void aBusyPortIsExplained() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Hub hub = hub();
        WebShare share =
            new WebShare(
                hub,
                HistorySource.NONE,
                new ServeOptions("127.0.0.1", busy.getLocalPort(), Optional.empty(), 8, 8))) {
      String error = share.set(true);
      assertTrue(error.contains("already in use"), error);
      assertFalse(share.enabled());
    }
  }
}
