package dev.hogwatch.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules file, {@code $XDG_CONFIG_HOME/hogwatch/alerts.json}. Written atomically (a temporary
 * file in the same directory, then renamed) with mode 0600. A file that cannot be understood is
 * moved aside to {@code alerts.json.broken-<time>} and reported in {@link Loaded#problem()}; it is
 * never silently replaced.
 *
 * <p>Example of the file:
 *
 * <pre>{@code
 * {"version":1,"nextId":3,"rules":[
 *   {"id":1,"kind":"cap","created":"2026-12-01T10:00:00Z","limit":300000000000,"per":"month",
 *    "resetDay":1,"devices":[]},
 *   {"id":2,"kind":"rate","created":"...","rate":5000000.0,"for":"30s","app":"firefox"}]}
 * }</pre>
 */
public final class RulesFile {
  /** The file's name in the configuration directory. */
  public static final String FILE_NAME = "alerts.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The rules read from the file.
   *
   * @param rules in the file's order
   * @param nextId the number the next rule gets
   * @param problem empty, or what was wrong with the file (and where it was moved)
   */
  public record Loaded(List<Rule> rules, int nextId, String problem) {
    public Loaded {
      rules = List.copyOf(rules);
    }
  }

  private final Path file;
  private final Clock clock;

  public RulesFile(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  /** Reads the rules; a missing file has none; a damaged one is moved aside and reported. */
  public synchronized Loaded load() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Loaded(List.of(), 1, "");
    } catch (IOException e) {
      return new Loaded(List.of(), 1, "Cannot read " + file + ": " + why(e));
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException | JsonProcessingException e) {
      String reason = e.getMessage() == null ? "not valid JSON" : firstLine(e.getMessage());
      Path aside = aside();
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return new Loaded(
            List.of(),
            1,
            "The alert rules file "
                + file
                + " could not be read ("
                + reason
                + "); it was moved to "
                + aside.getFileName()
                + ". Add the rules again.");
      } catch (IOException moveFailed) {
        return new Loaded(
            List.of(), 1, "The alert rules file " + file + " could not be read (" + reason + ").");
      }
    }
  }

  /** Adds {@code rule} under the next free number and saves; returns it with that number. */
  public synchronized Rule add(Rule rule) throws IOException {
    Loaded l = load();
    if (!l.problem().isEmpty() && Files.exists(file)) {
      throw new IOException(l.problem());
    }
    Rule numbered = rule.withId(l.nextId());
    List<Rule> rules = new ArrayList<>(l.rules());
    rules.add(numbered);
    save(rules, l.nextId() + 1);
    return numbered;
  }

  /** Removes the rule numbered {@code id}; false when there is none. */
  public synchronized boolean remove(int id) throws IOException {
    Loaded l = load();
    List<Rule> rules = new ArrayList<>(l.rules());
    if (!rules.removeIf(r -> r.id() == id)) {
      return false;
    }
    save(rules, l.nextId());
    return true;
  }

  /** Writes the file atomically with mode 0600 (its directory 0700 when made). */
  synchronized void save(List<Rule> rules, int nextId) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("nextId", nextId);
    ArrayNode arr = root.putArray("rules");
    for (Rule r : rules) {
      arr.add(toJson(r));
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path tmp =
        Files.createTempFile(
            dir,
            FILE_NAME + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
      try (var ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path aside() {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .format(clock.instant().atZone(clock.getZone()));
    return file.resolveSibling(FILE_NAME + ".broken-" + stamp);
  }

  private static String why(IOException e) {
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  // ---------------------------------------------------------------- JSON

  static ObjectNode toJson(Rule r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id());
    o.put("kind", r.kind());
    o.put("created", r.created().toString());
    putFields(o, r, "limit", "rate");
    o.put("describe", r.describe()); // for people reading the file; ignored when read
    return o;
  }

  /**
   * Puts what is particular to {@code r}'s kind into {@code o}: a cap's limit, period, reset day
   * and devices; an application's name, limit and period; a rate, its duration and application
   * (only when it names one). The file says {@code limit} and {@code rate}; {@code hogwatch alerts
   * --json} says {@code limitBytes} and {@code bytesPerSecond}.
   */
  public static void putFields(ObjectNode o, Rule r, String limitKey, String rateKey) {
    if (r instanceof Rule.Cap c) {
      o.put(limitKey, c.limit());
      o.put("per", c.per().word());
      o.put("resetDay", c.resetDay());
      ArrayNode d = o.putArray("devices");
      c.devices().forEach(d::add);
    } else if (r instanceof Rule.App a) {
      o.put("app", a.app());
      o.put(limitKey, a.limit());
      o.put("within", Limits.period(a.within()));
    } else if (r instanceof Rule.Rate rate) {
      o.put(rateKey, rate.bytesPerSecond());
      o.put("for", Limits.period(rate.duration()));
      if (rate.app() != null) {
        o.put("app", rate.app());
      }
    }
  }

  private static Loaded parse(String text) throws JsonProcessingException {
    JsonNode root = JSON.readTree(text);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode rules = root.get("rules");
    if (rules == null || !rules.isArray()) {
      throw new IllegalArgumentException("no \"rules\" list");
    }
    List<Rule> out = new ArrayList<>();
    int maxId = 0;
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    for (JsonNode n : rules) {
      Rule r = rule(n);
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("rule number " + r.id() + " appears twice");
      }
      maxId = Math.max(maxId, r.id());
      out.add(r);
    }
    int next = Math.max(maxId + 1, root.path("nextId").asInt(1));
    return new Loaded(out, next, "");
  }

  private static Rule rule(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("a rule is not a JSON object");
    }
    int id = n.path("id").asInt(0);
    if (id < 1) {
      throw new IllegalArgumentException("a rule has no number (\"id\")");
    }
    Instant created;
    try {
      created = Instant.parse(text(n, "created", id));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("rule " + id + ": \"created\" is not a time", e);
    }
    String kind = text(n, "kind", id);
    return switch (kind) {
      case "cap" -> {
        Rule.Per per;
        try {
          per = Rule.Per.valueOf(text(n, "per", id).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("rule " + id + ": \"per\" is not day, week or month");
        }
        int reset = n.path("resetDay").asInt(1);
        checkResetDay(per, reset);
        List<String> devices = new ArrayList<>();
        for (JsonNode d : n.path("devices")) {
          devices.add(d.asText());
        }
        yield new Rule.Cap(id, created, positive(n, "limit", id), per, reset, devices);
      }
      case "app" ->
          new Rule.App(
              id,
              created,
              text(n, "app", id),
              positive(n, "limit", id),
              Limits.period(text(n, "within", id)));
      case "rate" -> {
        double rate = n.path("rate").asDouble(0);
        if (!(rate > 0)) {
          throw new IllegalArgumentException("rule " + id + ": \"rate\" is not above zero");
        }
        JsonNode app = n.get("app");
        yield new Rule.Rate(
            id,
            created,
            rate,
            Limits.period(text(n, "for", id)),
            app == null || app.isNull() ? null : app.asText());
      }
      case "new-app" -> new Rule.NewApp(id, created);
      default -> throw new IllegalArgumentException("rule " + id + ": unknown kind " + kind);
    };
  }

  /** Throws when {@code day} is no reset day of {@code per}. */
  public static void checkResetDay(Rule.Per per, int day) {
    int max = per == Rule.Per.WEEK ? 7 : per == Rule.Per.MONTH ? 31 : Integer.MAX_VALUE;
    if (day < 1 || day > max) {
      throw new IllegalArgumentException(
          "the reset day of a "
              + per.word()
              + " is "
              + (per == Rule.Per.WEEK ? "1 (Monday) to 7 (Sunday)" : "1 to 31")
              + ", not "
              + day);
    }
  }

  private static String text(JsonNode n, String field, int id) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("rule " + id + ": \"" + field + "\" is missing");
    }
    return v.asText();
  }

  private static long positive(JsonNode n, String field, int id) {
    long v = n.path(field).asLong(0);
    if (v < 1) {
      throw new IllegalArgumentException("rule " + id + ": \"" + field + "\" is not above zero");
    }
    return v;
  }
}
