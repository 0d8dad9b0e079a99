package dev.hogwatch.wiring;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.AlertsJson;
import dev.hogwatch.alerts.CapStatus;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.serve.AlertsReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert state as the web server shows it ({@code /api/alerts}, the cap and alert metrics): the
 * wiring's bridge, since serve does not know the alerts package.
 *
 * <p>Example: {@code web.alerts(() -> AlertsWeb.report(service.state()))}.
 */
public final class AlertsWeb {
  private AlertsWeb() {}

  /**
   * {@code s} for the web: the JSON of {@code hogwatch alerts --json}, each cap's used ratio by
   * rule number, and the alerts each rule gave (0 for rules in force that gave none, and rules
   * removed since that gave some).
   */
  public static AlertsReport report(AlertService.State s) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (CapStatus c : s.caps()) {
      ratios.put(Integer.toString(c.rule()), c.ratio());
    }
    Map<String, Long> given = new LinkedHashMap<>();
    for (Rule r : s.rules()) {
      given.put(Integer.toString(r.id()), 0L);
    }
    given.putAll(s.given());
    return new AlertsReport(AlertsJson.of(s), ratios, given);
  }
}
