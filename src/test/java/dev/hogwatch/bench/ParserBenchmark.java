package dev.hogwatch.bench;

import dev.hogwatch.capture.BlockAssembler;
import dev.hogwatch.capture.LineSplitter;
import dev.hogwatch.capture.TraceParser;
import dev.hogwatch.capture.ViewMode;
import dev.hogwatch.model.TraceLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parser throughput in lines per second on one thread, over the bundled real capture
 * (j_long_60s_v2: names with '/', scientific notation, pid 0 lines), repeated to {@value #LINES}
 * lines.
 *
 * <ul>
 *   <li>{@code parseLine}: {@link TraceParser#parse} alone, process lines only.
 *   <li>{@code stream}: the whole reading path: bytes → {@link LineSplitter} (UTF-8 decode) →
 *       {@link BlockAssembler} (headers, blank and startup lines, blocks).
 * </ul>
 *
 * Run: see README "Performance".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
  static final int LINES = 100_000;

  private String[] processLines;
  private byte[] stream;

  @Setup
  public void load() throws IOException {
    String text;
    try (InputStream in = ParserBenchmark.class.getResourceAsStream("/demo/j_long_60s_v2.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      if (l.indexOf('\t') > 0) {
        lines.add(l);
      }
    }
    processLines = new String[LINES];
    for (int i = 0; i < LINES; i++) {
      processLines[i] = lines.get(i % lines.size());
    }
    // the capture as nethogs printed it (startup lines, headers, blank lines), cycled to LINES
    String[] all = text.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < LINES; i++) {
      sb.append(all[i % (all.length - 1)]).append('\n');
    }
    stream = sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parseLine(Blackhole bh) {
    for (String l : processLines) {
      bh.consume(TraceParser.parse(l, ViewMode.BYTES_TOTAL));
    }
  }

  /** Lines per second through splitter and assembler. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public int stream(Blackhole bh) {
    int[] blocks = {0};
    BlockAssembler a =
        new BlockAssembler(
            ViewMode.BYTES_TOTAL,
            (List<TraceLine> b) -> {
              blocks[0]++;
              bh.consume(b);
            });
    LineSplitter s = new LineSplitter(a.sink(), 65536);
    for (int off = 0; off < stream.length; off += 8192) { // pipe-sized reads
      s.write(stream, off, Math.min(8192, stream.length - off));
    }
    s.close();
    a.finish();
    return blocks[0];
  }
}
