package dev.hogwatch.history;

import java.time.Instant;

/**
 * Bytes of all programs in one time bucket, for graphs: the average rate over the bucket is {@code
 * sentBytes / seconds}.
 *
 * @param start first instant of the bucket
 * @param seconds length of the bucket
 * @param sentBytes uploaded bytes in the bucket
 * @param receivedBytes downloaded bytes in the bucket
 */
public record SeriesPoint(Instant start, long seconds, long sentBytes, long receivedBytes) {}
