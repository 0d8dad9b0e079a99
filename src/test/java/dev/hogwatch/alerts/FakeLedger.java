package dev.hogwatch.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link Ledger} of literal values: bytes per day, per app and second, and an alert log. */
final class FakeLedger implements Ledger {
  final Map<LocalDate, Long> days = new TreeMap<>();
  final Map<String, Map<Long, Long>> seconds = new HashMap<>(); // app -> epoch second -> bytes
  final List<String> newApps = new ArrayList<>();
  final List<Alert> log = new ArrayList<>();

  FakeLedger day(LocalDate d, long bytes) {
    days.merge(d, bytes, Long::sum);
    return this;
  }

  /** {@code app} moved {@code bytes} in each second of {@code [from, from + n)}. */
  FakeLedger steady(String app, Instant from, int n, long bytes) {
    for (int i = 0; i < n; i++) {
      seconds
          .computeIfAbsent(app, k -> new HashMap<>())
          .merge(from.getEpochSecond() + i, bytes, Long::sum);
    }
    return this;
  }

  @Override
  public long days(LocalDate from, LocalDate to, List<String> devices) {
    return days.entrySet().stream()
        .filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Override
  public Map<String, Long> apps(Instant from, Instant to) {
    Map<String, Long> m = new HashMap<>();
    seconds.forEach(
        (app, s) ->
            s.forEach(
                (t, b) -> {
                  if (t >= from.getEpochSecond() && t < to.getEpochSecond()) {
                    m.merge(app, b, Long::sum);
                  }
                }));
    return m;
  }

  @Override
  public long[] perSecond(String app, Instant from, Instant to) {
    long[] out = new long[(int) (to.getEpochSecond() - from.getEpochSecond())];
    Map<Long, Long> s = seconds.getOrDefault(app, Map.of());
    for (int i = 0; i < out.length; i++) {
      out[i] = s.getOrDefault(from.getEpochSecond() + i, 0L);
    }
    return out;
  }

  @Override
  public List<String> newApps(Instant since, Instant activeSince) {
    return newApps;
  }

  @Override
  public boolean alerted(String rule, String subject, String crossing) {
    return log.stream()
        .anyMatch(
            a ->
                a.rule().equals(rule)
                    && a.subject().equals(subject)
                    && a.crossing().equals(crossing));
  }

  @Override
  public Instant lastAlert(String rule, String subject) {
    return log.stream()
        .filter(a -> a.rule().equals(rule) && a.subject().equals(subject))
        .map(Alert::at)
        .max(Instant::compareTo)
        .orElse(null);
  }

  @Override
  public boolean log(Alert a) {
    if (alerted(a.rule(), a.subject(), a.crossing())) {
      return false;
    }
    log.add(a);
    return true;
  }
}
