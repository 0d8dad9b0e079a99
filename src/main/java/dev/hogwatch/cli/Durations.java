package dev.hogwatch.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Parses durations people type: {@code 10s}, {@code 5m}, {@code 1h}, {@code 1.5s}, {@code 500ms},
 * or a bare number of seconds.
 */
final class Durations implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    double scale;
    String num;
    if (v.endsWith("ms")) {
      scale = 1e-3;
      num = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      scale = 1;
      num = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      scale = 60;
      num = v.substring(0, v.length() - 1);
    } else if (v.endsWith("h")) {
      scale = 3600;
      num = v.substring(0, v.length() - 1);
    } else {
      scale = 1;
      num = v;
    }
    double seconds;
    try {
      seconds = Double.parseDouble(num) * scale;
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (examples: 10s, 5m, 1h)");
    }
    if (!(seconds > 0) || seconds > 1e9) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a positive duration (examples: 10s, 5m, 1h)");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
