package dev.hogwatch.capture;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the generation numbers that tell the model a new nethogs instance (or demo loop)
 * started counting from zero. Unique within the JVM, so sources never collide.
 */
final class Generations {
  private static final AtomicLong NEXT = new AtomicLong(1);

  private Generations() {}

  static long next() {
    return NEXT.getAndIncrement();
  }
}
