package dev.hogwatch.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the rules ask of history: bytes of days, of applications, per second, new applications, and
 * the alerts already given. {@link StoreLedger} answers from the history file (so the state
 * survives restarts); tests answer with literal values.
 */
interface Ledger {

  /** Bytes (both directions) of the local days {@code from} to {@code to}, both included. */
  long days(LocalDate from, LocalDate to, List<String> devices);

  /** Bytes (both directions) per application name in {@code [from, to)}. */
  Map<String, Long> apps(Instant from, Instant to);

  /** Bytes (both directions) of {@code app} in each second of {@code [from, to)}, from first. */
  long[] perSecond(String app, Instant from, Instant to);

  /** Applications that moved bytes since {@code activeSince} and never before {@code since}. */
  List<String> newApps(Instant since, Instant activeSince);

  /** Whether this crossing was already told. */
  boolean alerted(String rule, String subject, String crossing);

  /** The latest alert of a rule about a subject, or null. */
  Instant lastAlert(String rule, String subject);

  /** Keeps an alert; false when that crossing was already told (then nothing is shown). */
  boolean log(Alert a);
}
