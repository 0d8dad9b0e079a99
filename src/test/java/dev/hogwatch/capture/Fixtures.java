package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.TraceLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded nethogs captures in {@code src/test/resources/nethogs} (one folder a scenario; the
 * README.md there says what each holds and how it was made).
 */
final class Fixtures {
  private Fixtures() {}

  /** The captures, inside the checkout: tests never read anything beside it. */
  static final Path DIR = Path.of("src", "test", "resources", "nethogs");

  static Path dir(String name) {
    Path p = DIR.resolve(name);
    assertTrue(Files.isDirectory(p), "fixture folder missing: " + p.toAbsolutePath());
    return p;
  }

  /** Every scenario folder. */
  static List<Path> all() {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] stdout(Path dir) {
    try {
      return Files.readAllBytes(dir.resolve("stdout.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The byte counts of each read() in stdout.chunks.tsv, or empty when there is none. */
  static List<Integer> chunkSizes(Path dir) {
    Path tsv = dir.resolve("stdout.chunks.tsv");
    if (!Files.exists(tsv)) {
      return List.of();
    }
    try {
      List<Integer> sizes = new ArrayList<>();
      for (String line : Files.readAllLines(tsv)) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        sizes.add(Integer.parseInt(line.split("\t", -1)[1]));
      }
      return sizes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Feeds {@code bytes} in the given chunk sizes (the rest at once) and returns the blocks. */
  static Assembled assemble(byte[] bytes, List<Integer> chunks, ViewMode mode) {
    List<List<TraceLine>> blocks = new ArrayList<>();
    BlockAssembler a = new BlockAssembler(mode, blocks::add);
    LineSplitter s = new LineSplitter(a.sink(), NethogsSupervisor.MAX_LINE);
    int off = 0;
    for (int n : chunks) {
      int len = Math.min(n, bytes.length - off);
      s.write(bytes, off, len);
      off += len;
    }
    s.write(bytes, off, bytes.length - off);
    s.close();
    return new Assembled(blocks, a);
  }

  record Assembled(List<List<TraceLine>> blocks, BlockAssembler assembler) {}
}
