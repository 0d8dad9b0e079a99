package dev.hogwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hogwatch.history.AppUsage;
import dev.hogwatch.history.History;
import dev.hogwatch.history.HistoryException;
import dev.hogwatch.history.PeriodUsage;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.Usage;
import dev.hogwatch.model.Units;
import dev.hogwatch.model.UserStat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch report}: what history recorded, per program (the default), per day or per month,
 * as a table, CSV or JSON. Reads the history file only; works while another Hogwatch records.
 *
 * <p>Example: {@code hogwatch report --since 7d --format json} prints
 *
 * <pre>
 * {"programs":[{"name":"iperf3","user":"root","sentBytes":123,"receivedBytes":456}],
 *  "totals":{"sentBytes":123,"receivedBytes":456}}
 * </pre>
 *
 * (one line; that shape is a contract). {@code --by day} gives {@code {"days":[{"date":
 * "2026-11-25","sentBytes":..,"receivedBytes":..}],"totals":{..}}} and {@code --by month} gives
 * {@code {"months":[{"month":"2026-11",..}],"totals":{..}}}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the traffic history recorded, per program, day or month.",
      "Days and months are local calendar days; --by program counts to the second where the"
          + " finest data is still kept (1 s for 24 h, 1 min for 31 days, then hours)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report printed", "1:history file unreadable", "2:invalid options"})
public final class ReportCommand implements Callable<Integer> {

  /** How to group. */
  enum By {
    program,
    app,
    user,
    day,
    month;

    /** Whether this groups who used the network (not days or months). */
    boolean who() {
      return this == program || this == app || this == user;
    }
  }

  /** Output format. */
  enum Format {
    table,
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "start: an age (24h, 7d, 30d), today, yesterday, a time of day today (14:05,"
              + " 14:05:10), a date (2026-11-01) or an ISO-8601 date and time to the second"
              + " (2026-11-01T08:00:10, 2026-11-01T07:00:10Z); default: all recorded time")
  String since;

  @Option(
      names = "--until",
      paramLabel = "WHEN",
      description = "end, same forms (a date includes that whole day); default: now")
  String until;

  @Option(
      names = "--by",
      paramLabel = "WHAT",
      defaultValue = "program",
      description =
          "program, app (application, see README), user, day or month (default:"
              + " ${DEFAULT-VALUE})")
  By by;

  @Option(
      names = "--interface",
      paramLabel = "DEVICE",
      description =
          "with --by day or month: one network device's traffic (eth0, wlan0, ...); default: all"
              + " devices summed. Days and months come from the kernel's interface counters, which"
              + " are recorded even when nethogs cannot capture")
  String device;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE})")
  Format format;

  private final Clock clock;

  public ReportCommand() {
    this(Clock.system(ZoneId.systemDefault()));
  }

  ReportCommand(Clock clock) {
    this.clock = clock;
  }

  /** JSON shapes (field order is part of the contract). */
  record JsonProgram(String name, String user, long sentBytes, long receivedBytes) {}

  record JsonTotals(long sentBytes, long receivedBytes) {}

  record JsonPrograms(List<JsonProgram> programs, JsonTotals totals) {}

  record JsonApp(
      String kind, String id, String name, String user, long sentBytes, long receivedBytes) {}

  record JsonApps(List<JsonApp> apps, JsonTotals totals) {}

  record JsonUser(String user, int uid, long sentBytes, long receivedBytes) {}

  record JsonUsers(List<JsonUser> users, JsonTotals totals) {}

  record JsonDay(String date, long sentBytes, long receivedBytes) {}

  record JsonDays(List<JsonDay> days, JsonTotals totals) {}

  record JsonMonth(String month, long sentBytes, long receivedBytes) {}

  record JsonMonths(List<JsonMonth> months, JsonTotals totals) {}

  private Path dataDir() {
    return Commands.dataDir(spec);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ZoneId zone = clock.getZone();
    Instant now = clock.instant();
    Instant from;
    Instant to;
    from = since == null ? null : when("--since", since, now, zone, false);
    to = until == null ? now : when("--until", until, now, zone, true);
    if (device != null && by.who()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--interface goes with --by day or --by month (programs are not counted per device)");
    }
    Path file = dataDir().resolve(History.FILE_NAME);
    History.ReadOnly opened;
    try {
      opened = History.openReadOnly(dataDir(), zone).orElse(null);
    } catch (HistoryException e) {
      return cannotRead(err, file, e);
    }
    if (opened == null) {
      err.println("No history recorded yet (" + file + ").");
      print(out, from == null ? now : from, to, new Usage(now, now, List.of(), 0, 0), List.of());
      out.flush();
      return 0;
    }
    try (History.ReadOnly store = opened) {
      LocalDate first = by.who() ? store.firstDay() : store.firstTrafficDay(device);
      if (device != null && !store.interfaces().contains(device)) {
        List<String> known = store.interfaces();
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--interface: no traffic recorded for "
                + device
                + "; devices with history: "
                + (known.isEmpty() ? "none yet" : String.join(", ", known)));
      }
      if (from == null) {
        from = first == null ? now : first.atStartOfDay(zone).toInstant();
      }
      if (!from.isBefore(to)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--since must be before --until (and before now)");
      }
      if (by == By.app) {
        apps = store.apps(from, to);
      }
      if (by.who()) {
        print(out, from, to, store.usage(from, to), List.of());
      } else {
        LocalDate a = LocalDate.ofInstant(from, zone);
        LocalDate b = LocalDate.ofInstant(to.minusNanos(1), zone);
        List<PeriodUsage> periods =
            by == By.day ? store.days(a, b, device) : store.months(a, b, device);
        print(out, from, to, null, periods);
      }
      out.flush();
      return 0;
    } catch (HistoryException e) {
      return cannotRead(err, file, e);
    }
  }

  /** Says that {@code file} cannot be read, and why in words; the details go to the log. */
  private static int cannotRead(PrintWriter err, Path file, HistoryException e) {
    java.util.logging.Logger.getLogger(ReportCommand.class.getName())
        .log(java.util.logging.Level.FINE, "reading " + file, e);
    err.println(
        "hogwatch report: cannot read the history file "
            + file
            + " ("
            + e.getMessage()
            + ")\n(a recording Hogwatch moves a damaged file aside and starts a new one)");
    return 1;
  }

  /** The applications of {@code --by app} (set before printing). */
  private List<AppUsage> apps = List.of();

  /** One user's bytes ({@code --by user}). */
  record UserBytes(String user, int uid, long sent, long received) {
    long total() {
      return sent + received;
    }
  }

  /**
   * Programs summed per user, largest first; traffic nobody could be found for is its own row,
   * {@code (unattributed)} with uid -1, as in {@code top --by user}.
   */
  static List<UserBytes> users(Usage usage) {
    java.util.Map<Integer, long[]> sums = new java.util.LinkedHashMap<>();
    java.util.Map<Integer, String> names = new java.util.HashMap<>();
    for (ProgramUsage p : usage.programs()) {
      int uid = p.unattributed() ? UserStat.UNATTRIBUTED_UID : p.uid();
      names.put(uid, p.unattributed() ? UserStat.UNATTRIBUTED_USER : p.user());
      long[] v = sums.computeIfAbsent(uid, k -> new long[2]);
      v[0] += p.sentBytes();
      v[1] += p.receivedBytes();
    }
    List<UserBytes> out = new ArrayList<>();
    sums.forEach((uid, v) -> out.add(new UserBytes(names.get(uid), uid, v[0], v[1])));
    out.sort(
        java.util.Comparator.comparingLong(UserBytes::total)
            .reversed()
            .thenComparing(UserBytes::user));
    return out;
  }

  private Instant when(String option, String text, Instant now, ZoneId zone, boolean end) {
    try {
      return When.parse(text, now, zone, end);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  private void print(
      PrintWriter out, Instant from, Instant to, Usage usage, List<PeriodUsage> periods) {
    switch (format) {
      case json -> out.println(json(usage, periods));
      case csv -> csv(out, usage, periods);
      case table -> table(out, from, to, usage, periods);
    }
  }

  private String json(Usage usage, List<PeriodUsage> periods) {
    ObjectMapper m = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    Object doc;
    if (by == By.app) {
      List<JsonApp> as = new ArrayList<>();
      for (AppUsage a : apps) {
        as.add(new JsonApp(a.kind(), a.id(), a.name(), a.user(), a.sentBytes(), a.receivedBytes()));
      }
      doc = new JsonApps(as, new JsonTotals(usage.sentBytes(), usage.receivedBytes()));
    } else if (by == By.user) {
      List<JsonUser> us = new ArrayList<>();
      for (UserBytes u : users(usage)) {
        us.add(new JsonUser(u.user(), u.uid(), u.sent(), u.received()));
      }
      doc = new JsonUsers(us, new JsonTotals(usage.sentBytes(), usage.receivedBytes()));
    } else if (by == By.program) {
      List<JsonProgram> ps = new ArrayList<>();
      for (ProgramUsage p : usage.programs()) {
        ps.add(new JsonProgram(p.name(), p.user(), p.sentBytes(), p.receivedBytes()));
      }
      doc = new JsonPrograms(ps, new JsonTotals(usage.sentBytes(), usage.receivedBytes()));
    } else if (by == By.day) {
      List<JsonDay> ds = new ArrayList<>();
      for (PeriodUsage p : periods) {
        ds.add(new JsonDay(p.start().toString(), p.sentBytes(), p.receivedBytes()));
      }
      doc = new JsonDays(ds, totals(periods));
    } else {
      List<JsonMonth> ms = new ArrayList<>();
      for (PeriodUsage p : periods) {
        ms.add(
            new JsonMonth(p.start().toString().substring(0, 7), p.sentBytes(), p.receivedBytes()));
      }
      doc = new JsonMonths(ms, totals(periods));
    }
    try {
      return m.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // records of strings and numbers always serialize
    }
  }

  private static JsonTotals totals(List<PeriodUsage> periods) {
    long s = 0;
    long r = 0;
    for (PeriodUsage p : periods) {
      s += p.sentBytes();
      r += p.receivedBytes();
    }
    return new JsonTotals(s, r);
  }

  private void csv(PrintWriter out, Usage usage, List<PeriodUsage> periods) {
    if (by == By.app) {
      out.println("kind,id,name,user,sent_bytes,received_bytes");
      for (AppUsage a : apps) {
        out.println(
            String.join(
                    ",",
                    csvField(a.kind()),
                    csvField(a.id()),
                    csvField(a.name()),
                    csvField(a.user()))
                + ","
                + a.sentBytes()
                + ","
                + a.receivedBytes());
      }
    } else if (by == By.user) {
      out.println("user,uid,sent_bytes,received_bytes");
      for (UserBytes u : users(usage)) {
        out.println(csvField(u.user()) + "," + u.uid() + "," + u.sent() + "," + u.received());
      }
    } else if (by == By.program) {
      out.println("name,user,sent_bytes,received_bytes");
      for (ProgramUsage p : usage.programs()) {
        out.println(
            csvField(p.name())
                + ","
                + csvField(p.user())
                + ","
                + p.sentBytes()
                + ","
                + p.receivedBytes());
      }
    } else {
      out.println((by == By.day ? "date" : "month") + ",sent_bytes,received_bytes");
      for (PeriodUsage p : periods) {
        out.println(label(p) + "," + p.sentBytes() + "," + p.receivedBytes());
      }
    }
  }

  /** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes. */
  static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private String label(PeriodUsage p) {
    return by == By.day ? p.start().toString() : p.start().toString().substring(0, 7);
  }

  private void table(
      PrintWriter out, Instant from, Instant to, Usage usage, List<PeriodUsage> periods) {
    ZoneId zone = clock.getZone();
    Instant a = usage == null ? from : usage.from();
    Instant b = usage == null ? to : usage.to();
    // seconds only when an edge has them (report --since 14:05:10 --until 14:05:40)
    boolean seconds = a.getEpochSecond() % 60 != 0 || b.getEpochSecond() % 60 != 0;
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern(
            seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", Locale.ROOT);
    out.println(
        "Traffic from "
            + f.format(a.atZone(zone))
            + " to "
            + f.format(b.atZone(zone))
            + " ("
            + zone.getId()
            + ")"
            + (by.who() ? "" : device == null ? ", all interfaces" : ", " + device));
    List<String[]> rows = new ArrayList<>();
    long sent = 0;
    long received = 0;
    int textCols = by.who() ? 2 : 1; // left-aligned; numbers right-aligned
    if (by == By.app) {
      textCols = 3;
      rows.add(new String[] {"APPLICATION", "KIND", "USER", "SENT", "RECEIVED", "TOTAL"});
      for (AppUsage app : apps) {
        rows.add(
            new String[] {
              app.name(),
              app.kind().equals("exe") || app.kind().equals("unattributed")
                  ? app.kind()
                  : app.kind() + " " + app.id(),
              app.user(),
              Units.bytes(app.sentBytes()),
              Units.bytes(app.receivedBytes()),
              Units.bytes(app.totalBytes())
            });
      }
      sent = usage.sentBytes();
      received = usage.receivedBytes();
      rows.add(
          new String[] {
            "total", "", "", Units.bytes(sent), Units.bytes(received), Units.bytes(sent + received)
          });
    } else if (by == By.user) {
      textCols = 1;
      rows.add(new String[] {"USER", "UID", "SENT", "RECEIVED", "TOTAL"});
      for (UserBytes u : users(usage)) {
        rows.add(
            new String[] {
              u.user(),
              String.valueOf(u.uid()),
              Units.bytes(u.sent()),
              Units.bytes(u.received()),
              Units.bytes(u.total())
            });
      }
      sent = usage.sentBytes();
      received = usage.receivedBytes();
      rows.add(
          new String[] {
            "total", "", Units.bytes(sent), Units.bytes(received), Units.bytes(sent + received)
          });
    } else if (by == By.program) {
      rows.add(new String[] {"PROGRAM", "USER", "SENT", "RECEIVED", "TOTAL"});
      for (ProgramUsage p : usage.programs()) {
        rows.add(
            new String[] {
              p.name(),
              p.user(),
              Units.bytes(p.sentBytes()),
              Units.bytes(p.receivedBytes()),
              Units.bytes(p.totalBytes())
            });
      }
      sent = usage.sentBytes();
      received = usage.receivedBytes();
      rows.add(
          new String[] {
            "total", "", Units.bytes(sent), Units.bytes(received), Units.bytes(sent + received)
          });
    } else {
      rows.add(new String[] {by == By.day ? "DAY" : "MONTH", "SENT", "RECEIVED", "TOTAL"});
      for (PeriodUsage p : periods) {
        rows.add(
            new String[] {
              label(p),
              Units.bytes(p.sentBytes()),
              Units.bytes(p.receivedBytes()),
              Units.bytes(p.totalBytes())
            });
        sent += p.sentBytes();
        received += p.receivedBytes();
      }
      rows.add(
          new String[] {
            "total", Units.bytes(sent), Units.bytes(received), Units.bytes(sent + received)
          });
    }
    if (rows.size() == 2) {
      out.println("(no traffic recorded in this period)");
      return;
    }
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], Math.min(r[i].length(), 48));
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String fmt = i < textCols ? "%-" + w[i] + "s" : "%" + w[i] + "s";
        line.append(String.format(Locale.ROOT, fmt, r[i]));
        if (i < cols - 1) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
