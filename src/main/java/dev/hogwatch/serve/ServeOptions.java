package dev.hogwatch.serve;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * How {@code hogwatch serve} listens. Loopback by default; any other address needs a token, and
 * {@link #withTokenIfNeeded()} makes one up when none was given.
 *
 * <p>Example: {@code new ServeOptions("0.0.0.0", 6432, Optional.empty(), 128,
 * 16).withTokenIfNeeded()} listens on every interface with a fresh random token, which the caller
 * prints.
 *
 * @param bind address to listen on, e.g. {@code 127.0.0.1}, {@code ::1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (tests)
 * @param token shared secret every request must carry; required unless bound to loopback
 * @param maxStreams most concurrent {@code /api/stream} clients; more get 503
 * @param maxInFlight most concurrent other requests; more get 429
 */
public record ServeOptions(
    String bind, int port, Optional<String> token, int maxStreams, int maxInFlight) {

  /** The default port, as the original hogwatch. */
  public static final int DEFAULT_PORT = 6432;

  /** Defaults for the bounds. */
  public static final int DEFAULT_MAX_STREAMS = 128;

  public static final int DEFAULT_MAX_IN_FLIGHT = 16;

  public ServeOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (maxStreams < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
    token = token.filter(t -> !t.isBlank());
    token.ifPresent(
        t -> {
          if (t.length() < 8 || !t.chars().allMatch(c -> c > 32 && c < 127 && c != ';')) {
            throw new IllegalArgumentException(
                "token must be at least 8 printable ASCII characters without spaces or ';'");
          }
        });
  }

  /** Loopback on the default port, no token, default bounds. */
  public static ServeOptions defaults() {
    return new ServeOptions(
        "127.0.0.1", DEFAULT_PORT, Optional.empty(), DEFAULT_MAX_STREAMS, DEFAULT_MAX_IN_FLIGHT);
  }

  public ServeOptions withPort(int newPort) {
    return new ServeOptions(bind, newPort, token, maxStreams, maxInFlight);
  }

  /**
   * These options, with a generated token when the bind address is not loopback and no token was
   * given.
   *
   * @throws IllegalArgumentException when {@code bind} is not an address of this machine's form
   */
  public ServeOptions withTokenIfNeeded() {
    if (token.isPresent() || Net.isLoopback(bind)) {
      return this;
    }
    return new ServeOptions(bind, port, Optional.of(newToken()), maxStreams, maxInFlight);
  }

  /** 128 random bits, URL-safe, e.g. {@code "q3Jw0m8bZ1R2pW9c6eXv4A"}. */
  static String newToken() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
