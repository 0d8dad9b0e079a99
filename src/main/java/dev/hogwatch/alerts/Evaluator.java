package dev.hogwatch.alerts;

import dev.hogwatch.model.Units;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks every rule against history and gives the alerts that are due: one per rule per crossing,
 * however often it runs, because a crossing is told only if the {@link Ledger} has no alert of it
 * yet. Plain code over history: no threads, no I/O of its own.
 *
 * <ul>
 *   <li>cap: crossings are "80 %" and "100 %" of each period (a jump past both tells only 100 %);
 *   <li>app: over the limit within the window, told again only a whole window after the last;
 *   <li>rate: every 5 s slice of the last {@code duration} above the rate; told once per run of
 *       such slices (a run that lasts hours is told again each hour);
 *   <li>new-app: an application with traffic that history has never seen before the rule.
 * </ul>
 *
 * <p>Example: a 300 GB monthly cap with 241 GB used on 25 Dec gives "Data cap 80 % used" with "241
 * GB of 300 GB this month (since 1 Dec); at this pace 299 GB of 300 GB by 31 Dec.", once.
 */
final class Evaluator {
  /** The warning level of a cap. */
  static final double WARN = 0.8;

  /** How far back a rate rule looks to tell whether its run already alerted. */
  private static final Duration RATE_MEMORY = Duration.ofHours(1);

  /** How recent the traffic of a new application must be. */
  static final Duration NEW_APP_WINDOW = Duration.ofMinutes(10);

  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  /** What one run found. */
  record Result(List<Alert> fired, List<CapStatus> caps) {}

  private final ZoneId zone;

  Evaluator(ZoneId zone) {
    this.zone = zone;
  }

  Result run(List<Rule> rules, Ledger ledger, Instant now) {
    List<Alert> fired = new ArrayList<>();
    List<CapStatus> caps = new ArrayList<>();
    for (Rule r : rules) {
      if (r instanceof Rule.Cap c) {
        caps.add(cap(c, ledger, now, fired));
      } else if (r instanceof Rule.App a) {
        app(a, ledger, now, fired);
      } else if (r instanceof Rule.Rate rate) {
        rate(rate, ledger, now, fired);
      } else if (r instanceof Rule.NewApp n) {
        newApp(n, ledger, now, fired);
      }
    }
    return new Result(List.copyOf(fired), List.copyOf(caps));
  }

  /** "1 Dec". */
  static String dayMonth(LocalDate d) {
    return DAY_MONTH.format(d);
  }

  /** First day of the period holding {@code today}, and first day of the next one. */
  static LocalDate[] period(Rule.Cap c, LocalDate today) {
    return switch (c.per()) {
      case DAY -> new LocalDate[] {today, today.plusDays(1)};
      case WEEK -> {
        LocalDate s = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(c.resetDay())));
        yield new LocalDate[] {s, s.plusWeeks(1)};
      }
      case MONTH -> {
        LocalDate s = resetIn(today.withDayOfMonth(1), c.resetDay());
        if (s.isAfter(today)) {
          s = resetIn(today.withDayOfMonth(1).minusMonths(1), c.resetDay());
        }
        yield new LocalDate[] {s, resetIn(s.withDayOfMonth(1).plusMonths(1), c.resetDay())};
      }
    };
  }

  private static LocalDate resetIn(LocalDate firstOfMonth, int day) {
    return firstOfMonth.withDayOfMonth(Math.min(day, firstOfMonth.lengthOfMonth()));
  }

  private CapStatus cap(Rule.Cap c, Ledger ledger, Instant now, List<Alert> fired) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate[] p = period(c, today);
    long used = ledger.days(p[0], today, c.devices());
    Instant start = p[0].atStartOfDay(zone).toInstant();
    long total = Duration.between(start, p[1].atStartOfDay(zone).toInstant()).toSeconds();
    // a pace needs some time behind it: at least an hour (or a 24th of a short period)
    long elapsed = Math.max(Duration.between(start, now).toSeconds(), Math.min(3600, total / 24));
    long projected = Math.max(used, Math.round((double) used * total / Math.max(1, elapsed)));
    CapStatus status =
        new CapStatus(c.id(), used, c.limit(), p[0], p[1], projected, c.describe(), now);
    String id = Integer.toString(c.id());
    String crossing = p[0].toString();
    double ratio = status.ratio();
    String level = null;
    if (ratio >= 1) {
      level = ledger.alerted(id, "", crossing + ":100") ? null : "100";
    } else if (ratio >= WARN) {
      level = ledger.alerted(id, "", crossing + ":80") ? null : "80";
    }
    if (level != null) {
      String when =
          switch (c.per()) {
            case DAY -> "today";
            case WEEK -> "this week (since " + dayMonth(p[0]) + ")";
            case MONTH -> "this month (since " + dayMonth(p[0]) + ")";
          };
      String title =
          level.equals("100")
              ? "Data cap reached: " + Units.bytes(used) + " of " + Units.bytes(c.limit())
              : "Data cap " + status.percent() + " % used";
      String body =
          Units.bytes(used)
              + " of "
              + Units.bytes(c.limit())
              + " "
              + when
              + (c.devices().isEmpty() ? "" : " on " + String.join(", ", c.devices()))
              + "; at this pace "
              + Units.bytes(projected)
              + " of "
              + Units.bytes(c.limit())
              + (c.per() == Rule.Per.DAY
                  ? " by the end of the day."
                  : " by " + dayMonth(p[1].minusDays(1)) + ".");
      give(ledger, new Alert(id, "", crossing + ":" + level, start, now, title, body), fired);
    }
    return status;
  }

  private static void app(Rule.App a, Ledger ledger, Instant now, List<Alert> fired) {
    Instant from = now.minus(a.within());
    long used = 0;
    for (Map.Entry<String, Long> e : ledger.apps(from, now).entrySet()) {
      if (matches(e.getKey(), a.app())) {
        used += e.getValue();
      }
    }
    if (used < a.limit()) {
      return;
    }
    String id = Integer.toString(a.id());
    Instant last = ledger.lastAlert(id, a.app());
    if (last != null && last.isAfter(from)) {
      return; // told within this window already
    }
    String w = Limits.period(a.within());
    give(
        ledger,
        new Alert(
            id,
            a.app(),
            now.toString(),
            from,
            now,
            a.app() + " moved " + Units.bytes(used) + " within " + w,
            a.app()
                + " sent and received "
                + Units.bytes(used)
                + " in the last "
                + w
                + " (alert above "
                + Units.bytes(a.limit())
                + ")."),
        fired);
  }

  private static void rate(Rule.Rate r, Ledger ledger, Instant now, List<Alert> fired) {
    long n = r.duration().toSeconds();
    long slice = Math.min(5, n);
    Instant end = Instant.ofEpochSecond(now.getEpochSecond());
    Instant windowStart = end.minusSeconds(n);
    // applications as the window shows them (nethogs may name /usr/bin/python3), with their names
    Map<String, List<String>> apps = new java.util.TreeMap<>();
    Map<String, Long> totals = new java.util.HashMap<>();
    for (Map.Entry<String, Long> e : ledger.apps(windowStart, end).entrySet()) {
      String shown = r.app() != null ? r.app() : shortName(e.getKey());
      if (matches(e.getKey(), shown)) {
        apps.computeIfAbsent(shown, k -> new ArrayList<>()).add(e.getKey());
        totals.merge(shown, e.getValue(), Long::sum);
      }
    }
    apps.keySet().removeIf(app -> totals.get(app) < r.bytesPerSecond() * n);
    String id = Integer.toString(r.id());
    for (Map.Entry<String, List<String>> group : apps.entrySet()) {
      String app = group.getKey();
      Instant last = ledger.lastAlert(id, app);
      Instant from = windowStart;
      if (last != null && last.isAfter(end.minus(RATE_MEMORY))) {
        from = min(from, last.minusSeconds(n));
      }
      long[] bytes = new long[(int) (end.getEpochSecond() - from.getEpochSecond())];
      for (String name : group.getValue()) {
        long[] b = ledger.perSecond(name, from, end);
        for (int i = 0; i < bytes.length && i < b.length; i++) {
          bytes[i] += b[i];
        }
      }
      long above = 0; // seconds at the end in slices above the rate
      long moved = 0;
      for (int i = bytes.length; i - slice >= 0; i -= (int) slice) {
        long sum = 0;
        for (int j = i - (int) slice; j < i; j++) {
          sum += bytes[j];
        }
        if (sum < r.bytesPerSecond() * slice) {
          break;
        }
        above += slice;
        if (above <= n) {
          moved += sum;
        }
      }
      if (above < n) {
        continue;
      }
      Instant runStart = end.minusSeconds(above);
      if (last != null && !runStart.isAfter(last)) {
        continue; // the run that was told is still going
      }
      String p = Limits.period(r.duration());
      double avg = (double) moved / n;
      give(
          ledger,
          new Alert(
              id,
              app,
              runStart.toString(),
              runStart,
              now,
              app + " over " + Units.rate(r.bytesPerSecond(), Units.Mode.BYTES) + " for " + p,
              app
                  + " moved "
                  + Units.rate(avg, Units.Mode.BYTES)
                  + " on average over the last "
                  + p
                  + " (alert above "
                  + Units.rate(r.bytesPerSecond(), Units.Mode.BYTES)
                  + ")."),
          fired);
    }
  }

  private static void newApp(Rule.NewApp r, Ledger ledger, Instant now, List<Alert> fired) {
    Instant active = now.minus(NEW_APP_WINDOW);
    List<String> fresh = ledger.newApps(r.created(), active);
    if (fresh.isEmpty()) {
      return;
    }
    String id = Integer.toString(r.id());
    Map<String, Long> bytes = new java.util.HashMap<>();
    ledger
        .apps(max(active, r.created()), now)
        .forEach((k, v) -> bytes.merge(shortName(k), v, Long::sum));
    for (String app : new java.util.TreeSet<>(fresh.stream().map(Evaluator::shortName).toList())) {
      if (app.startsWith("unknown ") || ledger.alerted(id, app, "first")) {
        continue; // nethogs's pseudo-processes are not applications
      }
      give(
          ledger,
          new Alert(
              id,
              app,
              "first",
              active,
              now,
              "New on the network: " + app,
              app
                  + " used the network for the first time ("
                  + Units.bytes(bytes.getOrDefault(app, 0L))
                  + " so far)."),
          fired);
    }
  }

  /**
   * The name the window shows for a program nethogs named: the last part of a path ({@code
   * /usr/bin/python3} is {@code python3}), other names as they are ({@code unknown TCP}).
   */
  static String shortName(String name) {
    // the window's rule (Subject.shortName): keep arguments, drop the executable's directory
    String n = name.strip();
    int slash = n.lastIndexOf('/', n.length() - 2);
    int space = n.indexOf(' ');
    if (space > 0 && slash > space) {
      slash = n.lastIndexOf('/', space);
    }
    return slash >= 0 && slash < n.length() - 1 ? n.substring(slash + 1) : n;
  }

  /** Whether the program nethogs named {@code name} is the application {@code app}. */
  static boolean matches(String name, String app) {
    return name.equals(app) || shortName(name).equals(app);
  }

  private static void give(Ledger ledger, Alert a, List<Alert> fired) {
    if (ledger.log(a)) {
      fired.add(a);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
