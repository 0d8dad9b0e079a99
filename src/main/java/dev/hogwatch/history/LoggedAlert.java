package dev.hogwatch.history;

import java.time.Instant;

/**
 * An alert as kept in the history file's alert log: the rule, what it was about and which crossing
 * it told (so a crossing alerts once, across restarts), when, and the words shown.
 */
public record LoggedAlert(
    String rule, String subject, String crossing, Instant at, String title, String body) {}
