package dev.jouletrace.probe.internal.sysfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A kept-open file re-read with a positional read at offset 0 into a reused direct buffer.
 *
 * <p>Why: {@code Files.readAllBytes} costs about 10 µs and allocates (docs/PROBES.md §2.4); a sysfs
 * attribute regenerates its content whenever it is read from offset 0 (sysfs.rst), so one open
 * channel serves every read without garbage on the training thread.
 */
final class ChannelCounterFile implements CounterFile {
  // A 64-bit decimal has at most 20 digits; sysfs adds a newline.
  private static final int CAPACITY = 32;

  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);

  private ChannelCounterFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  static ChannelCounterFile open(Path path) throws IOException {
    return new ChannelCounterFile(path, FileChannel.open(path, StandardOpenOption.READ));
  }

  @Override
  public long readLong() throws IOException {
    buffer.clear();
    int n = channel.read(buffer, 0);
    return DecimalParser.parseLong(buffer, 0, Math.max(n, 0), path);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a read-only sysfs file cannot lose data.
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
