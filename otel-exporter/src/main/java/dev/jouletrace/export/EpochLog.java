package dev.jouletrace.export;

import dev.jouletrace.accounting.EpochAccount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code epochs.jsonl}: every finished epoch of every run of this JVM, one JSON object per line,
 * appended once. It is the record {@code report.json} is rendered from: the log remembers where
 * each run's lines lie, so a run's epochs can be copied into the report without parsing them.
 */
final class EpochLog {
  static final String FILE = "epochs.jsonl";

  /** Where a run's lines are, as long as they stay in a few contiguous stretches. */
  private static final int MAX_STRETCHES = 4096;

  private final AppendedFile file;
  private final JsonWriter json = JsonWriter.compact();
  private final Map<Integer, Stretches> runs = new HashMap<>();

  EpochLog(Path folder, int maxBacklogBytes) {
    this.file = new AppendedFile(folder.resolve(FILE), new byte[0], maxBacklogBytes);
  }

  Path path() {
    return file.path();
  }

  AppendedFile file() {
    return file;
  }

  void append(EpochAccount epoch) {
    EpochJson.write(json.reset(), epoch);
    byte[] line = (json.text() + "\n").getBytes(StandardCharsets.UTF_8);
    long at = file.append(line);
    Stretches s = runs.computeIfAbsent(epoch.record().runNumber(), n -> new Stretches());
    if (at < 0) {
      s.lost++;
    } else {
      s.add(file.generation(), at, at + line.length);
    }
  }

  /** Lines of {@code run} that never reached the file. */
  long lost(int run) {
    Stretches s = runs.get(run);
    return s == null ? 0 : s.lost;
  }

  /**
   * Copies the run's epoch objects, separated by commas and line breaks, to {@code out}: the inside
   * of its {@code epochs} array. Reads the file, so flush it first.
   */
  void copyRun(int run, OutputStream out) throws IOException {
    Stretches s = runs.get(run);
    if (s == null) {
      return;
    }
    try (FileChannel in = FileChannel.open(file.path(), StandardOpenOption.READ)) {
      LineCopier copier = new LineCopier(out);
      if (s.generation == file.generation() && s.count >= 0) {
        for (int i = 0; i < s.count; i++) {
          copier.copy(in, s.bounds[2 * i], s.bounds[2 * i + 1], null);
        }
      } else {
        // the run's lines are scattered, or the file was recreated: find them by their prefix
        byte[] prefix = (EpochJson.RUN_PREFIX + run + ",").getBytes(StandardCharsets.UTF_8);
        copier.copy(in, 0, in.size(), prefix);
      }
    }
  }

  /** Where one run's lines lie in the file: contiguous stretches, merged as they grow. */
  private static final class Stretches {
    private long[] bounds = new long[8];

    /** Stretches in use; -1 once there were too many to track (the run is then scanned for). */
    private int count;

    private int generation;
    private long lost;

    void add(int fileGeneration, long start, long end) {
      if (count < 0) {
        return;
      }
      if (count > 0 && fileGeneration != generation) {
        count = -1;
        return;
      }
      generation = fileGeneration;
      if (count > 0 && bounds[2 * count - 1] == start) {
        bounds[2 * count - 1] = end;
        return;
      }
      if (count == MAX_STRETCHES) {
        count = -1;
        return;
      }
      if (2 * count + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[2 * count] = start;
      bounds[2 * count + 1] = end;
      count++;
    }
  }

  /** Copies whole lines, turning line breaks into the commas that separate array elements. */
  private static final class LineCopier {
    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    private boolean first = true;
    private byte[] pending = new byte[1024];
    private int pendingLength;

    LineCopier(OutputStream out) {
      this.out = out;
    }

    /**
     * Copies the lines in {@code [from, to)}; with a prefix, only the lines starting with it. Lines
     * are assembled across buffer boundaries.
     */
    void copy(FileChannel in, long from, long to, byte[] prefix) throws IOException {
      long position = from;
      pendingLength = 0;
      while (position < to) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), to - position));
        int n = in.read(buffer, position);
        if (n <= 0) {
          break;
        }
        position += n;
        byte[] a = buffer.array();
        int lineStart = 0;
        for (int i = 0; i < n; i++) {
          if (a[i] == '\n') {
            emit(a, lineStart, i, prefix);
            lineStart = i + 1;
          }
        }
        keep(a, lineStart, n);
      }
      // a last line without its break (a torn write) is left out
      pendingLength = 0;
    }

    private void keep(byte[] a, int from, int to) {
      int n = to - from;
      if (pendingLength + n > pending.length) {
        pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
      }
      System.arraycopy(a, from, pending, pendingLength, n);
      pendingLength += n;
    }

    private void emit(byte[] a, int from, int to, byte[] prefix) throws IOException {
      byte[] src = a;
      int start = from;
      int end = to;
      if (pendingLength > 0) {
        keep(a, from, to);
        src = pending;
        start = 0;
        end = pendingLength;
        pendingLength = 0;
      }
      if (end == start || (prefix != null && !startsWith(src, start, end, prefix))) {
        return;
      }
      if (!first) {
        out.write(',');
        out.write('\n');
      }
      first = false;
      out.write(src, start, end - start);
    }

    private static boolean startsWith(byte[] a, int from, int to, byte[] prefix) {
      if (to - from < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (a[from + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
