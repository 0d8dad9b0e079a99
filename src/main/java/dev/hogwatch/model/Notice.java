package dev.hogwatch.model;

import java.time.Instant;

/**
 * A notification request: what an alert tells the user, and where "Open graphs" should lead. Made
 * by the alert rules, shown by the desktop's notification service (or the tray and window when
 * there is none).
 *
 * <p>Example: {@code new Notice("2", "Data cap 80 % used", "241 GB of 300 GB this month ...", null,
 * from, at)}.
 *
 * @param rule id of the rule that gave it
 * @param title one short line
 * @param body the numbers
 * @param app the application it is about, or null (total traffic)
 * @param from start of the traffic it is about (the window opens there)
 * @param at when it was given
 */
public record Notice(
    String rule, String title, String body, String app, Instant from, Instant at) {}
