package dev.hogwatch.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A connection as nethogs names the traffic it cannot tie to a local socket: {@code
 * "10.0.3.5:443-172.17.0.2:40112"} (IPv6 addresses may be bare or in brackets). Addresses are kept
 * as hex digits of their bytes (IPv4-mapped IPv6 addresses become IPv4), so they compare with the
 * kernel's tables: {@code 10.0.3.5} is {@code "0a000305"}.
 *
 * @param a one end's address, hex digits of its bytes
 * @param aPort one end's port
 * @param b the other end's address
 * @param bPort the other end's port
 */
record Tuple(String a, int aPort, String b, int bPort) {

  /** Cheap test, without parsing addresses: {@code x:port-y:port}. */
  static boolean looksLikeTuple(String name) {
    int dash = name.indexOf('-');
    return dash > 0
        && dash == name.lastIndexOf('-')
        && endsWithPort(name, 0, dash)
        && endsWithPort(name, dash + 1, name.length());
  }

  private static boolean endsWithPort(String s, int from, int to) {
    int colon = s.lastIndexOf(':', to - 1);
    if (colon <= from || colon == to - 1) {
      return false;
    }
    for (int i = colon + 1; i < to; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The tuple, or null when {@code name} is not one (e.g. {@code "unknown TCP"}). */
  static Tuple parse(String name) {
    if (!looksLikeTuple(name)) {
      return null;
    }
    int dash = name.indexOf('-');
    Object[] x = end(name.substring(0, dash));
    Object[] y = end(name.substring(dash + 1));
    if (x == null || y == null) {
      return null;
    }
    return new Tuple((String) x[0], (int) x[1], (String) y[0], (int) y[1]);
  }

  /** [address bytes, port] of {@code "10.0.0.1:80"}, {@code "[::1]:80"} or {@code "::1:80"}. */
  private static Object[] end(String s) {
    int colon = s.lastIndexOf(':');
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      return null;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == '.'
              || c == ':';
      if (!ok) {
        return null; // never let InetAddress look a name up
      }
    }
    try {
      int port = Integer.parseInt(s.substring(colon + 1));
      byte[] bytes;
      if (host.indexOf(':') >= 0) {
        bytes = InetAddress.getByName(host).getAddress(); // an IPv6 literal: never a lookup
      } else {
        bytes = ipv4(host);
        if (bytes == null) {
          return null;
        }
      }
      return new Object[] {hex(bytes), port};
    } catch (NumberFormatException | UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3) {
        return null;
      }
      int v = Integer.parseInt(parts[i]); // digits only: checked by the caller
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  /** Hex digits of an address's bytes, IPv4-mapped IPv6 as IPv4. */
  static String hex(byte[] addr) {
    return HexFormat.of().formatHex(normalize(addr));
  }

  /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) becomes the 4 IPv4 bytes. */
  static byte[] normalize(byte[] addr) {
    if (addr.length == 16) {
      boolean mapped = addr[10] == (byte) 0xff && addr[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = addr[i] == 0;
      }
      if (mapped) {
        return Arrays.copyOfRange(addr, 12, 16);
      }
    }
    return addr;
  }
}
