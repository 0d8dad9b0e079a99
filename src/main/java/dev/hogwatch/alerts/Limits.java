package dev.hogwatch.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the amounts people type for alert rules: byte counts ({@code 5MB}, {@code 300GB}, {@code
 * 1.5GiB}, {@code 700 kB}, {@code 1000}), rates ({@code 5MB/s}, {@code 40Mbit/s}) and periods
 * ({@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, {@code 2w}). Decimal prefixes count in 1000s,
 * as {@link dev.hogwatch.model.Units} shows them; {@code KiB}, {@code MiB}, {@code GiB}, {@code
 * TiB} count in 1024s.
 *
 * <p>Examples: {@code bytes("1.5GiB") == 1_610_612_736}, {@code rate("40Mbit/s") == 5_000_000.0},
 * {@code period("1h") == Duration.ofHours(1)}.
 */
public final class Limits {
  private Limits() {}

  private static final Pattern AMOUNT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([kmgtpe]?)(i?)(b|bit|bits|byte|bytes)?");
  private static final Pattern PERIOD = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h|d|w)?");

  /** A byte count; throws {@link IllegalArgumentException} with a message for people. */
  public static long bytes(String text) {
    double v = amount(text, false);
    if (v < 1 || v > 9.0e18) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a byte count above zero (examples: 5MB, 300GB, 1.5GiB)");
    }
    return Math.round(v);
  }

  /** A rate in bytes per second; {@code /s} is optional, bits are divided by 8. */
  public static double rate(String text) {
    String t = text == null ? "" : text.trim();
    if (t.toLowerCase(Locale.ROOT).endsWith("/s")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.toLowerCase(Locale.ROOT).endsWith("ps")) {
      t = t.substring(0, t.length() - 2); // Mbps
      t = t + (t.toLowerCase(Locale.ROOT).endsWith("b") ? "it" : "bit");
    }
    double v = amount(t, true);
    if (!(v > 0)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate above zero (examples: 5MB/s, 40Mbit/s, 500kB/s)");
    }
    return v;
  }

  /** A period of time: {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, {@code 2w}. */
  public static Duration period(String text) {
    Matcher m = PERIOD.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a period (examples: 30s, 10m, 1h, 1d, 2w)");
    }
    double n = Double.parseDouble(m.group(1));
    String u = m.group(2) == null ? "s" : m.group(2);
    long unit =
        switch (u) {
          case "m" -> 60;
          case "h" -> 3600;
          case "d" -> 86_400;
          case "w" -> 604_800;
          default -> 1;
        };
    long seconds = Math.round(n * unit);
    if (seconds < 1 || seconds > 366L * 86_400) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a period between 1 second and a year (examples: 30s, 1h, 1d)");
    }
    return Duration.ofSeconds(seconds);
  }

  /** A period as people write it back: {@code 30s}, {@code 90s} → {@code 90s}, {@code 1h}. */
  public static String period(Duration d) {
    long s = d.toSeconds();
    if (s % 604_800 == 0) {
      return s / 604_800 + "w";
    } else if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    } else if (s % 3600 == 0) {
      return s / 3600 + "h";
    } else if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static double amount(String text, boolean bitsAllowed) {
    String raw = text == null ? "" : text.trim();
    Matcher m = AMOUNT.matcher(raw.toLowerCase(Locale.ROOT));
    if (raw.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not "
              + (bitsAllowed ? "a rate (examples: 5MB/s, 40Mbit/s)" : "a size")
              + (bitsAllowed ? "" : " (examples: 5MB, 300GB, 1.5GiB)"));
    }
    String prefix = m.group(2);
    boolean binary = !m.group(3).isEmpty();
    String unit = m.group(4) == null ? "" : m.group(4);
    boolean bits = unit.startsWith("bit");
    if (unit.equals("b") && raw.endsWith("b")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is ambiguous: write "
              + raw.substring(0, raw.length() - 1)
              + "B for bytes"
              + (bitsAllowed ? " or " + raw.substring(0, raw.length() - 1) + "bit for bits" : ""));
    }
    if (bits && !bitsAllowed) {
      throw new IllegalArgumentException(
          "'" + text + "': give a size in bytes (examples: 5MB, 300GB, 1.5GiB)");
    }
    if (binary && prefix.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': 'i' needs a prefix (KiB, MiB, GiB)");
    }
    int power = prefix.isEmpty() ? 0 : "kmgtpe".indexOf(prefix.charAt(0)) + 1;
    BigDecimal v = new BigDecimal(m.group(1));
    BigDecimal base = BigDecimal.valueOf(binary ? 1024 : 1000);
    v = v.multiply(base.pow(power));
    double d = v.doubleValue();
    return bits ? d / 8 : d;
  }
}
