package dev.hogwatch.serve;

import java.util.Map;

/**
 * What {@code /api/alerts} and the alert metrics show, made by the wiring from the alert service
 * (serve does not know the alerts package).
 *
 * @param json the body of {@code /api/alerts} (any value Jackson writes, e.g. an {@code ObjectNode}
 *     with {@code rules}, {@code caps}, {@code alerts}, {@code problem})
 * @param capUsedRatio each data cap's used part of its period by rule number, for {@code
 *     hogwatch_data_cap_used_ratio{rule}}
 * @param alertsGiven alerts given by each rule since start, for {@code hogwatch_alerts_total{rule}}
 */
public record AlertsReport(
    Object json, Map<String, Double> capUsedRatio, Map<String, Long> alertsGiven) {
  public AlertsReport {
    capUsedRatio = Map.copyOf(capUsedRatio);
    alertsGiven = Map.copyOf(alertsGiven);
  }
}
