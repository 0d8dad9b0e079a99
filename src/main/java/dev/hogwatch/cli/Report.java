package dev.hogwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.model.Units;
import dev.hogwatch.model.UserStat;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows {@code top} and {@code replay} print, as JSON or as a table. Every process the model
 * knows is a row, sorted by bytes transferred; processes that exited and were folded into their
 * program's aggregate come back as one row per program with pid {@code -1}, so the rows always sum
 * to the totals. What the interfaces carried that nethogs never reported is {@code unseen} beside
 * the totals (JSON) or its own row "Not seen by capture" (table), so the table adds up to the
 * interfaces' own counters.
 *
 * <p>JSON (the field names are a contract), {@code --by process}:
 *
 * <pre>
 * {"processes":[{"name":"/usr/bin/python3","pid":9500,"uid":0,"user":"root",
 *    "sentBytes":10642,"receivedBytes":958568,"sentRate":0.0,"receivedRate":0.0,
 *    "app":{"kind":"exe","id":"sync.py (python3)","name":"sync.py (python3)"}}],
 *  "totals":{"sentBytes":10642,"receivedBytes":958568,"sentRate":0.0,"receivedRate":0.0},
 *  "unseen":{"sentBytes":0,"receivedBytes":1514}}
 * </pre>
 *
 * <p>{@code --by app}: {@code {"apps":[{"kind":"flatpak","id":"org.mozilla.firefox",
 * "name":"Firefox","user":"alice","sentBytes":…,"receivedBytes":…,"sentRate":…,"receivedRate":…,
 * "pids":[4711,4720]}],"totals":{…}}}; {@code --by user}: {@code {"users":[{"user":"alice",
 * "uid":1000,"sentBytes":…,"receivedBytes":…,"sentRate":…,"receivedRate":…}],"totals":{…}}}.
 * Traffic no process could be found for is the app of kind {@code unattributed} and the user {@code
 * (unattributed)} with uid -1. {@code "unseen"} follows {@code "totals"} whatever the grouping, and
 * the table's "Not seen by capture" row comes after the applications, processes or users alike.
 */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the rows are. */
  enum By {
    APP,
    PROCESS,
    USER;

    /** picocli spelling: lower case. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code app}, {@code process} or {@code user} (any case) for picocli. */
  static final class ByConverter implements picocli.CommandLine.ITypeConverter<By> {
    @Override
    public By convert(String value) {
      for (By b : By.values()) {
        if (b.toString().equalsIgnoreCase(value.strip())) {
          return b;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not one of app, process, user");
    }
  }

  private final List<ProcessStat> rows;
  private By by = By.PROCESS;
  private List<AppStat> apps = List.of();
  private List<UserStat> users = List.of();
  private final long sent;
  private final long received;
  private final double sentRate;
  private final double receivedRate;
  private final Totals unseen;

  private Report(List<ProcessStat> rows, Totals unseen) {
    this.rows = rows;
    this.unseen = unseen;
    long s = 0;
    long r = 0;
    double sr = 0;
    double rr = 0;
    for (ProcessStat p : rows) {
      s += p.sentBytes();
      r += p.receivedBytes();
      sr += p.sentRate();
      rr += p.receivedRate();
    }
    this.sent = s;
    this.received = r;
    this.sentRate = sr;
    this.receivedRate = rr;
  }

  /** All rows of a snapshot, folded processes included. */
  static Report of(Snapshot s) {
    return new Report(s.rows(), s.unseen());
  }

  /** The snapshot grouped by application, process or user; the totals are the same for all. */
  static Report of(Snapshot s, By by) {
    Report r = new Report(s.rows(), s.unseen());
    r.by = by;
    r.apps = s.apps();
    r.users = s.users();
    return r;
  }

  List<ProcessStat> rows() {
    return rows;
  }

  long sentBytes() {
    return sent;
  }

  long receivedBytes() {
    return received;
  }

  /** The JSON document, one line. */
  String json() {
    ObjectNode root = JSON.createObjectNode();
    if (by == By.APP) {
      ArrayNode list = root.putArray("apps");
      for (AppStat a : apps) {
        ObjectNode o = list.addObject();
        o.put("kind", a.app().kind().label());
        o.put("id", a.app().id());
        o.put("name", a.app().name());
        o.put("user", a.user());
        putBytes(o, a.sentBytes(), a.receivedBytes(), a.sentRate(), a.receivedRate());
        ArrayNode pids = o.putArray("pids");
        a.pids().forEach(pids::add);
      }
      return finish(root);
    }
    if (by == By.USER) {
      ArrayNode list = root.putArray("users");
      for (UserStat u : users) {
        ObjectNode o = list.addObject();
        o.put("user", u.user());
        o.put("uid", u.uid());
        putBytes(o, u.sentBytes(), u.receivedBytes(), u.sentRate(), u.receivedRate());
      }
      return finish(root);
    }
    ArrayNode list = root.putArray("processes");
    for (ProcessStat p : rows) {
      ObjectNode o = list.addObject();
      o.put("name", p.name());
      o.put("pid", p.pid());
      o.put("uid", p.uid());
      o.put("user", p.user());
      o.put("sentBytes", p.sentBytes());
      o.put("receivedBytes", p.receivedBytes());
      o.put("sentRate", p.sentRate());
      o.put("receivedRate", p.receivedRate());
      ObjectNode app = o.putObject("app");
      app.put("kind", p.app().kind().label());
      app.put("id", p.app().id());
      app.put("name", p.app().name());
    }
    return finish(root);
  }

  private static void putBytes(
      ObjectNode o, long sentBytes, long receivedBytes, double sentRate, double receivedRate) {
    o.put("sentBytes", sentBytes);
    o.put("receivedBytes", receivedBytes);
    o.put("sentRate", sentRate);
    o.put("receivedRate", receivedRate);
  }

  private String finish(ObjectNode root) {
    putBytes(root.putObject("totals"), sent, received, sentRate, receivedRate);
    ObjectNode u = root.putObject("unseen");
    u.put("sentBytes", unseen.sentBytes());
    u.put("receivedBytes", unseen.receivedBytes());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of plain nodes cannot fail", e);
    }
  }

  /** One row of a table: first column, second column, user, bytes and rates. */
  private record Line(
      String name,
      String second,
      String user,
      long sent,
      long received,
      double sentRate,
      double receivedRate) {}

  private List<Line> lines() {
    List<Line> out = new ArrayList<>();
    switch (by) {
      case APP -> {
        for (AppStat a : apps) {
          out.add(
              new Line(
                  appLabel(a.app()),
                  a.app().kind().label(),
                  a.user(),
                  a.sentBytes(),
                  a.receivedBytes(),
                  a.sentRate(),
                  a.receivedRate()));
        }
      }
      case USER -> {
        for (UserStat u : users) {
          out.add(
              new Line(
                  u.user(),
                  u.uid() < 0 ? "" : Integer.toString(u.uid()),
                  "",
                  u.sentBytes(),
                  u.receivedBytes(),
                  u.sentRate(),
                  u.receivedRate()));
        }
      }
      default -> {
        for (ProcessStat p : rows) {
          out.add(
              new Line(
                  p.name(),
                  p.pid() == Snapshot.FOLDED_PID ? "exited" : Integer.toString(p.pid()),
                  p.user(),
                  p.sentBytes(),
                  p.receivedBytes(),
                  p.sentRate(),
                  p.receivedRate()));
        }
      }
    }
    return out;
  }

  /** "Firefox" or, when the display name differs from the id, "Firefox (org.mozilla.firefox)". */
  static String appLabel(AppId app) {
    return app.name().equals(app.id()) || app.kind() == AppId.Kind.UNATTRIBUTED
        ? app.name()
        : app.name() + " (" + app.id() + ")";
  }

  /**
   * The table: program (or application, or user), pid (or kind, or uid), user, sent, received, up
   * and down rate, then a total line. {@code limit} rows at most (0 = all); the total line always
   * covers all rows.
   */
  String table(int limit, Charset charset) {
    List<Line> rows = lines();
    boolean arrows = charset.newEncoder().canEncode("↑↓");
    String up = arrows ? "↑ RATE" : "UP/S";
    String down = arrows ? "↓ RATE" : "DOWN/S";
    int shown = limit > 0 ? Math.min(limit, rows.size()) : rows.size();
    int nameWidth = unseen.totalBytes() > 0 ? Snapshot.UNSEEN_LABEL.length() : 7;
    for (int i = 0; i < shown; i++) {
      nameWidth = Math.max(nameWidth, Math.min(40, rows.get(i).name().length()));
    }
    String fmt = "%-" + nameWidth + "s %7s %-10s %10s %10s %12s %12s%n";
    String first = by == By.APP ? "APPLICATION" : by == By.USER ? "USER" : "PROGRAM";
    String second = by == By.APP ? "KIND" : by == By.USER ? "UID" : "PID";
    String third = by == By.USER ? "" : "USER";
    if (by == By.APP) {
      fmt = "%-" + Math.max(nameWidth, 11) + "s %11s %-10s %10s %10s %12s %12s%n";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, fmt, first, second, third, "SENT", "RECEIVED", up, down));
    for (int i = 0; i < shown; i++) {
      Line p = rows.get(i);
      String name =
          p.name().length() > 40 ? "…" + p.name().substring(p.name().length() - 39) : p.name();
      if (!arrows) {
        name = name.replace('…', '~');
      }
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              name,
              p.second(),
              p.user(),
              Units.bytes(p.sent()),
              Units.bytes(p.received()),
              Units.rate(p.sentRate(), Units.Mode.BYTES),
              Units.rate(p.receivedRate(), Units.Mode.BYTES)));
    }
    if (unseen.totalBytes() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              Snapshot.UNSEEN_LABEL,
              "",
              "",
              Units.bytes(unseen.sentBytes()),
              Units.bytes(unseen.receivedBytes()),
              Units.rate(unseen.sentRate(), Units.Mode.BYTES),
              Units.rate(unseen.receivedRate(), Units.Mode.BYTES)));
    }
    String label = shown < rows.size() ? "TOTAL (" + rows.size() + " rows)" : "TOTAL";
    sb.append(
        String.format(
            Locale.ROOT,
            fmt,
            label,
            "",
            "",
            Units.bytes(sent + unseen.sentBytes()),
            Units.bytes(received + unseen.receivedBytes()),
            Units.rate(sentRate + unseen.sentRate(), Units.Mode.BYTES),
            Units.rate(receivedRate + unseen.receivedRate(), Units.Mode.BYTES)));
    return sb.toString();
  }
}
