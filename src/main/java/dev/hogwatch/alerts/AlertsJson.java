package dev.hogwatch.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hogwatch.history.LoggedAlert;

/**
 * Where alerts stand as JSON, one shape for {@code hogwatch alerts --json} and {@code GET
 * /api/alerts}:
 *
 * <pre>{@code
 * {"rules":[{"id":1,"kind":"cap","describe":"cap 300 GB per month (from day 1)",
 *            "created":"…","limitBytes":300000000000,"per":"month","resetDay":1,"devices":[]}],
 *  "caps":[{"rule":1,"describe":"…","usedBytes":241000000000,"limitBytes":300000000000,
 *           "ratio":0.803,"percent":80,"level":"near","periodStart":"2026-12-01",
 *           "periodEnd":"2027-01-01","projectedBytes":312000000000,
 *           "text":"241 GB of 300 GB (80 %) since 1 Dec; at this pace 312 GB of 300 GB by 31 Dec"}],
 *  "alerts":[{"rule":"1","subject":"","at":"…","title":"Data cap 80 % used","body":"…"}],
 *  "problem":""}
 * }</pre>
 *
 * <p>{@code level} is {@code ok} below 80 %, {@code near} from 80 %, {@code over} from 100 %;
 * {@code periodEnd} is the day the cap resets.
 */
public final class AlertsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertsJson() {}

  /** The whole state. */
  public static ObjectNode of(AlertService.State s) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode rules = root.putArray("rules");
    for (Rule r : s.rules()) {
      rules.add(rule(r));
    }
    ArrayNode caps = root.putArray("caps");
    for (CapStatus c : s.caps()) {
      ObjectNode o = caps.addObject();
      o.put("rule", c.rule());
      o.put("describe", c.describe());
      o.put("usedBytes", c.used());
      o.put("limitBytes", c.limit());
      o.put("ratio", c.ratio());
      o.put("percent", c.percent());
      o.put("level", c.level().word());
      o.put("periodStart", c.start().toString());
      o.put("periodEnd", c.end().toString());
      o.put("projectedBytes", c.projected());
      o.put("text", c.text());
    }
    ArrayNode alerts = root.putArray("alerts");
    for (LoggedAlert a : s.recent()) {
      ObjectNode o = alerts.addObject();
      o.put("rule", a.rule());
      o.put("subject", a.subject());
      o.put("at", a.at().toString());
      o.put("title", a.title());
      o.put("body", a.body());
    }
    root.put("problem", s.problem());
    return root;
  }

  /** One rule, with the fields of the rules file (limits in bytes). */
  public static ObjectNode rule(Rule r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id());
    o.put("kind", r.kind());
    o.put("describe", r.describe());
    o.put("created", r.created().toString());
    RulesFile.putFields(o, r, "limitBytes", "bytesPerSecond");
    if (r instanceof Rule.Rate rate && rate.app() == null) {
      o.putNull("app");
    }
    return o;
  }
}
