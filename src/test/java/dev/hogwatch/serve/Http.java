package dev.hogwatch.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 over a loopback socket, so tests can send exactly what an attacker would (any Host
 * header, un-normalized paths, bodies). Reads until the server closes the connection.
 */
final class Http {
  private Http() {}

  /** A parsed response; header names lower-case. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** {@code GET path} with a correct Host header plus {@code extra} header lines. */
  static Response get(int port, String path, String... extra) throws IOException {
    return request(port, "GET", path, "127.0.0.1:" + port, extra);
  }

  static Response request(int port, String method, String path, String host, String... extra)
      throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    if (host != null) {
      head.append("Host: ").append(host).append("\r\n");
    }
    for (String h : extra) {
      head.append(h).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return raw(port, head.toString());
  }

  /** Sends {@code request} verbatim and parses the answer. */
  static Response raw(int port, String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return parse(all.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static Response parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n", -1);
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      headers.putIfAbsent(
          lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(c + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (true) {
        int nl = body.indexOf("\r\n", i);
        int len = Integer.parseInt(body.substring(i, nl).trim(), 16);
        if (len == 0) {
          break;
        }
        b.append(body, nl + 2, nl + 2 + len);
        i = nl + 2 + len + 2;
      }
      body = b.toString();
    }
    return new Response(
        status,
        headers,
        new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }
}
