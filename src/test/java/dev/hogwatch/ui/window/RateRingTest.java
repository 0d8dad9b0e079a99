package dev.hogwatch.ui.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateRingTest {

  @Test
  void skippedSecondsGetTheGapValue() {
    RateRing r = new RateRing(10, 0f);
    r.put(100, 5, 7);
    r.put(103, 1, 1);
    assertArrayEquals(new float[] {5, 0, 0, 1}, r.upValues());
    assertEquals(100, r.first());
    assertEquals(103, r.last());
  }

  @Test
  void aLaterValueForTheSameSecondReplacesIt() {
    RateRing r = new RateRing(10, 0f);
    r.put(100, 5, 7);
    r.put(100, 6, 8);
    assertEquals(1, r.size());
    assertEquals(6, r.up(100));
    assertEquals(8, r.down(100));
  }

  @Test
  void keepsOnlyTheLastCapacitySecondsAcrossGrowth() {
    RateRing r = new RateRing(100, Float.NaN);
    for (int s = 0; s < 250; s++) {
      r.put(1000 + s, s, -s);
    }
    assertEquals(100, r.size());
    assertEquals(1150, r.first());
    assertEquals(150, r.up(1150));
    assertEquals(249, r.up(1249));
    assertTrue(Double.isNaN(r.up(1149)));
  }

  @Test
  void aGapLongerThanTheRingStartsOver() {
    RateRing r = new RateRing(10, Float.NaN);
    r.put(100, 1, 1);
    r.put(500, 2, 2);
    assertEquals(1, r.size());
    assertEquals(500, r.first());
  }

  @Test
  void shortRangesComeBackSecondBySecond() {
    RateRing r = new RateRing(100, 0f);
    for (int s = 0; s < 50; s++) {
      r.put(s, s, 2 * s);
    }
    RateSeries out = r.decimate(10, 20, 100);
    assertEquals(10, out.size());
    assertEquals(10, out.second(0));
    assertEquals(19, out.up(9));
    assertEquals(38, out.down(9));
  }

  @Test
  void longRangesKeepMinAndMaxOfEveryColumnInTimeOrder() {
    RateRing r = new RateRing(86_400, 0f);
    for (int s = 0; s < 86_400; s++) {
      // one spike of 1e6 at second 40_000, otherwise 10 (up) and a dip to 0 at 50_000 (down)
      r.put(s, s == 40_000 ? 1e6 : 10, s == 50_000 ? 0 : 5);
    }
    RateSeries out = r.decimate(0, 86_400, 1000);
    assertEquals(1000, out.size());
    double maxUp = 0;
    double minDown = Double.MAX_VALUE;
    for (int i = 0; i < out.size(); i++) {
      maxUp = Math.max(maxUp, out.up(i));
      minDown = Math.min(minDown, out.down(i));
      if (i > 0) {
        assertTrue(out.second(i) >= out.second(i - 1), "times ascend");
      }
    }
    assertEquals(1e6, maxUp, "a one-second spike survives decimation");
    assertEquals(0, minDown, "a one-second dip survives decimation");
  }

  @Test
  void unknownSecondsDoNotCountAsZero() {
    RateRing r = new RateRing(1000, Float.NaN);
    r.put(0, 10, 10);
    r.put(999, 20, 20); // seconds 1..998 unknown
    RateSeries out = r.decimate(0, 1000, 10);
    for (int i = 0; i < out.size(); i++) {
      double v = out.up(i);
      assertTrue(Double.isNaN(v) || v >= 10, "min of a column of unknowns is not 0: " + v);
    }
  }
}
