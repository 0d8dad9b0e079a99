package dev.hogwatch.ui.window;

import java.util.List;

/**
 * What the chart shows, computed off the EDT and handed over whole: the view it was made for, the
 * time range in epoch seconds and one decimated series per subject.
 *
 * @param view the view settings this data answers
 * @param from first second shown (inclusive)
 * @param to last second shown (exclusive)
 * @param lines one per subject, in the view's order
 */
record ChartData(View view, long from, long to, List<Line> lines) {
  ChartData {
    lines = List.copyOf(lines);
  }

  /** One subject's rates. */
  record Line(Subject subject, RateSeries series) {}

  /**
   * The user's view settings, immutable; the EDT builds a new one on every change.
   *
   * @param subjects selected subjects; empty shows {@link Subject#GLOBAL}
   * @param span seconds shown; 0 means everything there is ("All")
   * @param paused true when the chart does not follow new data
   * @param end with {@code paused}: the second the view ends at (exclusive)
   * @param columns width of the plot in pixels (the decimation target)
   */
  record View(List<Subject> subjects, long span, boolean paused, long end, int columns) {
    View {
      subjects = List.copyOf(subjects);
    }

    /** What to draw: the selection, or the global rate when nothing is selected. */
    List<Subject> shown() {
      return subjects.isEmpty() ? List.of(Subject.GLOBAL) : subjects;
    }

    View withSubjects(List<Subject> s) {
      return new View(s, span, paused, end, columns);
    }

    View withSpan(long s) {
      return new View(subjects, s, paused, end, columns);
    }

    View pausedAt(long e) {
      return new View(subjects, span, true, e, columns);
    }

    View live() {
      return new View(subjects, span, false, 0, columns);
    }

    View withColumns(int c) {
      return new View(subjects, span, paused, end, c);
    }
  }

  /**
   * Computes the data for {@code view} from {@code past}; {@code now} is the newest second (live
   * views end just after it). Runs on a background thread.
   */
  static ChartData compute(View view, PastSource past, long now) {
    long to = view.paused() ? view.end() : now + 1;
    long from;
    if (view.span() > 0) {
      from = to - view.span();
    } else {
      from = to - 60;
      for (Subject s : view.shown()) {
        var e = past.earliest(s);
        if (e.isPresent()) {
          from = Math.min(from, e.getAsLong());
        }
      }
    }
    int points = Math.max(4, view.columns() * 2);
    List<Line> lines = new java.util.ArrayList<>();
    for (Subject s : view.shown()) {
      lines.add(new Line(s, past.rates(s, from, to, points)));
    }
    return new ChartData(view, from, to, lines);
  }
}
