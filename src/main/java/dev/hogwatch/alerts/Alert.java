package dev.hogwatch.alerts;

import dev.hogwatch.model.Notice;
import java.time.Instant;

/**
 * An alert given: rule, what it is about and which crossing, for the log in the history file.
 *
 * @param rule the rule's id
 * @param subject the application, or empty for total traffic
 * @param crossing which crossing of the rule, e.g. {@code 2026-12-01:80} (period and level)
 * @param from start of the traffic it is about
 * @param at when it was given
 */
public record Alert(
    String rule,
    String subject,
    String crossing,
    Instant from,
    Instant at,
    String title,
    String body) {

  /** The notification request for the desktop. */
  public Notice notice() {
    return new Notice(rule, title, body, subject.isEmpty() ? null : subject, from, at);
  }
}
