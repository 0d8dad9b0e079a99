package dev.hogwatch.serve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, written for the tests (the
 * official Java client writes this format but has no parser). It rejects what Prometheus's own
 * parser rejects: bad metric or label names, bad escapes, bad numbers, a TYPE after samples of its
 * family, samples of a family that are not contiguous, duplicate series, and counter samples not
 * named {@code <family>_total}. {@link PromTextTest} checks the parser itself.
 *
 * <p>Example: {@code PromText.parse("# TYPE a_total counter\na_total{x=\"1\"}
 * 2\n").value("a_total", Map.of("x", "1"))} is {@code Optional.of(2.0)}.
 */
final class PromText {

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  final Map<String, String> types = new LinkedHashMap<>();
  final Map<String, String> help = new LinkedHashMap<>();
  final List<Sample> samples = new ArrayList<>();

  private PromText() {}

  /** Parses a whole exposition; throws {@link IllegalArgumentException} naming the bad line. */
  static PromText parse(String text) {
    PromText p = new PromText();
    Set<String> finishedFamilies = new HashSet<>();
    Set<String> seriesSeen = new HashSet<>();
    String currentFamily = null;
    String[] lines = text.split("\n", -1);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("exposition must end with a newline");
    }
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      try {
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("#")) {
          String[] f = line.split(" ", 4);
          if (f.length >= 3 && (f[1].equals("HELP") || f[1].equals("TYPE"))) {
            String family = f[2];
            require(NAME.matcher(family).matches(), "bad metric name " + family);
            if (f[1].equals("TYPE")) {
              require(f.length == 4 && TYPES.contains(f[3]), "bad TYPE line");
              require(!p.types.containsKey(family), "second TYPE for " + family);
              require(
                  !finishedFamilies.contains(family) && !family.equals(currentFamily),
                  "TYPE after samples of " + family);
              p.types.put(family, f[3]);
            } else {
              require(!p.help.containsKey(family), "second HELP for " + family);
              p.help.put(family, f.length == 4 ? unescapeHelp(f[3]) : "");
            }
          }
          continue;
        }
        Sample s = sample(line);
        String family = familyOf(p, s.name());
        if (!family.equals(currentFamily)) {
          require(!finishedFamilies.contains(family), "samples of " + family + " not contiguous");
          if (currentFamily != null) {
            finishedFamilies.add(currentFamily);
          }
          currentFamily = family;
        }
        if ("counter".equals(p.types.get(family))) {
          require(
              s.name().endsWith("_total") || s.name().endsWith("_created"),
              "counter sample " + s.name() + " must end in _total");
        }
        require(
            seriesSeen.add(s.name() + new java.util.TreeMap<>(s.labels())),
            "duplicate series " + s.name() + s.labels());
        p.samples.add(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "line " + (n + 1) + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return p;
  }

  /** The family a sample belongs to: a declared family, with counter/histogram suffixes removed. */
  private static String familyOf(PromText p, String name) {
    if (p.types.containsKey(name)) {
      return name; // the 1.x Java client declares counters as "# TYPE x_total counter"
    }
    for (String suffix : new String[] {"_total", "_created", "_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (p.types.containsKey(base)) {
          return base;
        }
      }
    }
    return name;
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    require(NAME.matcher(name).matches(), "bad metric name '" + name + "'");
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        require(i < line.length(), "unterminated labels");
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int eq = line.indexOf('=', i);
        require(eq > i, "label without '='");
        String label = line.substring(i, eq);
        require(LABEL.matcher(label).matches(), "bad label name '" + label + "'");
        require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', "label value not quoted");
        StringBuilder v = new StringBuilder();
        int j = eq + 2;
        while (true) {
          require(j < line.length(), "unterminated label value");
          char c = line.charAt(j);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            require(j + 1 < line.length(), "dangling backslash");
            char e = line.charAt(j + 1);
            switch (e) {
              case '\\' -> v.append('\\');
              case '"' -> v.append('"');
              case 'n' -> v.append('\n');
              default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
            j += 2;
          } else {
            v.append(c);
            j++;
          }
        }
        require(labels.put(label, v.toString()) == null, "label " + label + " twice");
        i = j + 1;
        if (i < line.length() && line.charAt(i) == ',') {
          i++;
        }
      }
    }
    require(i < line.length() && line.charAt(i) == ' ', "no value");
    String[] rest = line.substring(i + 1).trim().split(" +", -1);
    require(rest.length == 1 || rest.length == 2, "expected value [timestamp]");
    double value = number(rest[0]);
    if (rest.length == 2) {
      try {
        Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad timestamp " + rest[1], e);
      }
    }
    return new Sample(name, labels, value);
  }

  private static double number(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        require(s.matches("[-+]?[0-9.eE+-]+"), "bad value " + s);
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad value " + s, e);
        }
      }
    };
  }

  private static String unescapeHelp(String s) {
    return s.replace("\\n", "\n").replace("\\\\", "\\");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The declared type of the family a sample name belongs to, e.g. "counter". */
  String typeOf(String sampleName) {
    return types.get(familyOf(this, sampleName));
  }

  /** The value of the one sample with exactly these labels. */
  Optional<Double> value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(labels))
        .map(Sample::value)
        .findFirst();
  }

  /** All samples of one metric name, by their labels. */
  Map<Map<String, String>, Double> series(String name) {
    Map<Map<String, String>, Double> out = new HashMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name)) {
        out.put(s.labels(), s.value());
      }
    }
    return out;
  }
}
