package dev.jouletrace.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A report file that only grows: lines are buffered in memory and written on {@link #flush()},
 * never rewritten. When the file cannot be written (folder removed, disk full, read-only) the lines
 * wait in memory up to a bound, and the next flush tries again, recreating the folder and the file
 * (with its header) if they vanished; lines beyond the bound are counted as lost.
 */
final class AppendedFile {
  /** Lines are handed to the OS once this much is buffered, whatever the flush schedule. */
  static final int FLUSH_AT_BYTES = 1024 * 1024;

  private final Path path;
  private final byte[] header;
  private final int maxBacklogBytes;
  private byte[] buffer = new byte[64 * 1024];
  private int buffered;
  private FileChannel channel;
  private long written;
  private long linesLost;
  private int generation;
  private IOException lastFailure;

  /**
   * @param header written first whenever the file is created (the CSV header), may be empty
   * @param maxBacklogBytes how much may wait in memory while the file cannot be written (at least
   *     {@link #FLUSH_AT_BYTES} to make a difference)
   */
  AppendedFile(Path path, byte[] header, int maxBacklogBytes) {
    this.path = path;
    this.header = header.clone();
    this.maxBacklogBytes = maxBacklogBytes;
  }

  Path path() {
    return path;
  }

  /**
   * Adds a line (with its line break) to be written at the next flush.
   *
   * @return where the line will start in the file, or -1 when it was lost (backlog full)
   */
  long append(byte[] line) {
    if (buffered + line.length > FLUSH_AT_BYTES && lastFailure == null) {
      flush();
    }
    if (buffered + line.length > maxBacklogBytes && buffered > 0) {
      linesLost++;
      return -1;
    }
    if (buffered + line.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + line.length));
    }
    long at = (channel == null && written == 0 ? header.length : written) + buffered;
    System.arraycopy(line, 0, buffer, buffered, line.length);
    buffered += line.length;
    return at;
  }

  /**
   * Writes what is buffered. On failure the lines stay buffered for the next try.
   *
   * @return true when everything buffered is now in the file
   */
  boolean flush() {
    if (buffered == 0 && channel != null) {
      return true;
    }
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, buffered);
    try {
      open();
      while (b.hasRemaining()) {
        channel.write(b);
      }
      written += buffered;
      buffered = 0;
      if (buffer.length > 1024 * 1024) {
        buffer = new byte[64 * 1024];
      }
      lastFailure = null;
      return true;
    } catch (IOException | RuntimeException e) {
      // a full disk can take part of the buffer before it fails: that part is in the file, and
      // the next flush goes on from where it stopped, so no line is cut or written twice
      int done = b.position();
      if (done > 0) {
        System.arraycopy(buffer, done, buffer, 0, buffered - done);
        buffered -= done;
        written += done;
      }
      lastFailure = e instanceof IOException ? (IOException) e : new IOException(e);
      closeChannel();
      return false;
    }
  }

  /**
   * Opens the file for appending; creates folder and file (and writes the header) when missing. A
   * file that was open before and is gone now is a new generation: offsets start over.
   */
  private void open() throws IOException {
    if (channel != null && Files.exists(path)) {
      return;
    }
    closeChannel();
    Files.createDirectories(path.getParent());
    boolean exists = Files.exists(path);
    if (!exists && written > 0) {
      generation++;
      written = 0;
    }
    channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (channel.size() == 0 && header.length > 0) {
      ByteBuffer h = ByteBuffer.wrap(header);
      while (h.hasRemaining()) {
        channel.write(h);
      }
    }
    written = channel.size();
  }

  /**
   * How many times the file had to be created anew after it vanished; offsets handed out before a
   * new generation no longer point into the file.
   */
  int generation() {
    return generation;
  }

  /** Lines dropped because the file could not be written for too long. */
  long linesLost() {
    return linesLost;
  }

  /** Why the last flush failed, or null when it succeeded. */
  IOException lastFailure() {
    return lastFailure;
  }

  /** Bytes in the file (after the last successful flush). */
  long size() {
    return written;
  }

  void close() {
    flush();
    closeChannel();
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to do with a channel that will not close
      }
      channel = null;
    }
  }
}
