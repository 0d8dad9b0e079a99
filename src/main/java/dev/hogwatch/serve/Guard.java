package dev.hogwatch.serve;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every request passes before it reaches a handler, in this order: size (414, 431, 413),
 * method (405), Host header on a loopback server (403; stops DNS rebinding), token (401).
 *
 * <p>The token may come as {@code Authorization: Bearer T} (scrapers, curl), as the cookie the
 * server sets after a first visit of {@code /?token=T} (browsers; EventSource cannot send headers),
 * or as a {@code token} query parameter.
 *
 * <p>Example: a server on {@code 127.0.0.1:6432} accepts {@code Host: localhost:6432} and rejects
 * {@code Host: attacker.example:6432} with 403, whatever the path.
 */
final class Guard {

  /** Longest request target accepted. */
  static final int MAX_URI = 2048;

  /** Most header lines accepted; more get 431. */
  static final int MAX_HEADERS = 100;

  /** Most header bytes (names and values) accepted; more get 431. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  /** Why a request is refused. */
  record Refusal(int status, String message) {}

  private final boolean loopback;
  private final int port;
  private final Optional<byte[]> token;
  private final String boundHost;

  Guard(boolean loopback, int port, Optional<String> token) {
    this(loopback, port, token, "127.0.0.1");
  }

  /**
   * @param boundHost the address listened on, as a Host header names it ({@code 127.0.0.2}): also
   *     accepted, so the URL printed for {@code --bind 127.0.0.2} works
   */
  Guard(boolean loopback, int port, Optional<String> token, String boundHost) {
    this.loopback = loopback;
    this.port = port;
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.boundHost = boundHost.toLowerCase(Locale.ROOT);
  }

  /** Name of the cookie that carries the token; per port, since cookies ignore ports. */
  String cookieName() {
    return "hogwatch_token_" + port;
  }

  /** A refusal, or empty when the request may proceed. */
  Optional<Refusal> check(String method, String rawUri, Headers headers) {
    if (rawUri.length() > MAX_URI) {
      return refuse(414, "request target longer than " + MAX_URI + " characters");
    }
    int lines = 0;
    long bytes = 0;
    for (java.util.Map.Entry<String, List<String>> e : headers.entrySet()) {
      for (String v : e.getValue()) {
        lines++;
        bytes += e.getKey().length() + (v == null ? 0 : v.length()) + 4;
      }
    }
    if (lines > MAX_HEADERS || bytes > MAX_HEADER_BYTES) {
      return refuse(
          431,
          "request headers too large (at most "
              + MAX_HEADERS
              + " lines and "
              + MAX_HEADER_BYTES / 1024
              + " KB)");
    }
    if (headers.containsKey("Transfer-Encoding") || contentLength(headers) != 0) {
      return refuse(413, "request bodies are not accepted");
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return refuse(405, "only GET and HEAD are served; nothing here changes state");
    }
    if (loopback && !hostAllowed(headers.getFirst("Host"))) {
      return refuse(
          403, "Host header not allowed; open http://127.0.0.1:" + port + "/ or localhost");
    }
    if (token.isPresent() && !tokenMatches(rawUri, headers)) {
      return refuse(
          401,
          "a token is required: open /?token=TOKEN once in the browser, or send"
              + " 'Authorization: Bearer TOKEN'");
    }
    return Optional.empty();
  }

  /** True when a token is configured and this request carried it in the query string. */
  boolean tokenInQuery(String rawUri) {
    return token.isPresent() && queryToken(rawUri).map(this::equalsToken).orElse(false);
  }

  private static Optional<Refusal> refuse(int status, String message) {
    return Optional.of(new Refusal(status, message));
  }

  private static long contentLength(Headers headers) {
    String v = headers.getFirst("Content-Length");
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  boolean hostAllowed(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    String name = h;
    String portPart = null;
    int colon = h.lastIndexOf(':');
    if (colon >= 0 && colon > h.lastIndexOf(']')) {
      name = h.substring(0, colon);
      portPart = h.substring(colon + 1);
    }
    if (!LOOPBACK_NAMES.contains(name) && !name.equals(boundHost)) {
      return false;
    }
    return portPart == null ? port == 80 : portPart.equals(Integer.toString(port));
  }

  private boolean tokenMatches(String rawUri, Headers headers) {
    String auth = headers.getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (equalsToken(auth.substring(7).trim())) {
        return true;
      }
    }
    List<String> cookies = headers.get("Cookie");
    if (cookies != null) {
      for (String line : cookies) {
        for (String part : line.split(";", 64)) {
          int eq = part.indexOf('=');
          if (eq > 0
              && part.substring(0, eq).trim().equals(cookieName())
              && equalsToken(part.substring(eq + 1).trim())) {
            return true;
          }
        }
      }
    }
    return queryToken(rawUri).map(this::equalsToken).orElse(false);
  }

  private boolean equalsToken(String candidate) {
    return MessageDigest.isEqual(token.orElseThrow(), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code token} query parameter, decoded. */
  static Optional<String> queryToken(String rawUri) {
    return Query.parse(rawUri).first("token");
  }

  /** Query string of a raw request target, decoded into name/value pairs. */
  record Query(List<String[]> pairs) {
    /** At most this many parameters are looked at. */
    static final int MAX_PARAMS = 16;

    static Query parse(String rawUri) {
      int q = rawUri.indexOf('?');
      if (q < 0) {
        return new Query(List.of());
      }
      String[] parts = rawUri.substring(q + 1).split("&", MAX_PARAMS + 1);
      java.util.ArrayList<String[]> out = new java.util.ArrayList<>();
      for (int i = 0; i < Math.min(parts.length, MAX_PARAMS); i++) {
        String p = parts[i];
        int eq = p.indexOf('=');
        try {
          String k = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
          String v = eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
          out.add(new String[] {k, v});
        } catch (IllegalArgumentException e) {
          // malformed %-escape: ignore the pair
        }
      }
      return new Query(List.copyOf(out));
    }

    Optional<String> first(String name) {
      for (String[] p : pairs) {
        if (p[0].equals(name)) {
          return Optional.of(p[1]);
        }
      }
      return Optional.empty();
    }
  }
}
