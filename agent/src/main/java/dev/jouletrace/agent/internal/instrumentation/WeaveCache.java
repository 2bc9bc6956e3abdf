package dev.jouletrace.agent.internal.instrumentation;

import dev.jouletrace.agent.internal.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Woven class files, and the unit checks they relied on, kept on disk from one run to the next, so
 * that a training whose framework classes were woven before takes them as they were and never
 * starts Byte Buddy (docs/BENCHMARKS.md, "weave cache").
 *
 * <p>An entry is found only by what decides its bytes: this agent build ({@link #fingerprintOf}),
 * the class name, which weavings apply, and the checksum ({@link Hash}) of the class file as
 * loaded; it holds the checksum of the bytes it keeps, checked on every read. A unit's check is
 * kept as the class files it read (name and checksum, or absent), and holds again only when the
 * class loader still gives exactly those. Anything unexpected (a missing, short or altered file, a
 * folder it cannot write) only means weaving as without the cache.
 *
 * <p>The folder must belong to the user running the JVM and be writable by no one else, as the
 * classes it holds run in the training; it is created so ({@code rwx------}). Entries not used for
 * {@value #UNUSED_DAYS} days are removed.
 */
final class WeaveCache {
  /** No cache: every class is woven. */
  static final WeaveCache NONE = new WeaveCache(null, "");

  static final long UNUSED_DAYS = 30;

  private static final byte[] MAGIC = "JTWEAVE1".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH_BYTES = 16;
  // the zip end-of-central-directory record: its signature, its size without a comment, and how far
  // from the end it can be (a comment is at most 65 535 bytes)
  private static final int END_RECORD_SIGNATURE = 0x06054b50;
  private static final int END_RECORD_BYTES = 22;
  private static final int END_RECORD_SEARCH = END_RECORD_BYTES + 65_535;
  private static final long MAX_DIRECTORY = 64L << 20;
  private static final String CLASS_SUFFIX = ".class";
  private static final String VERDICT_SUFFIX = ".verdict";
  private static final String ABSENT = "-";

  private final Path dir;
  private final String fingerprint;

  private WeaveCache(Path dir, String fingerprint) {
    this.dir = dir;
    this.fingerprint = fingerprint;
  }

  /**
   * The cache in {@code dir} for the agent build {@code fingerprint}; {@link #NONE} when either is
   * null or the folder cannot be made or trusted (one debug line says why).
   */
  static WeaveCache open(Path dir, String fingerprint) {
    if (dir == null || fingerprint == null) {
      return NONE;
    }
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        try {
          Files.createDirectory(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException anotherJvmMadeIt) {
          // checked below like any existing folder
        }
      }
      String untrusted = untrusted(dir);
      if (untrusted != null) {
        AgentLog.debug("weave cache off: " + dir + " " + untrusted);
        return NONE;
      }
      return new WeaveCache(dir, fingerprint);
    } catch (IOException | RuntimeException e) {
      AgentLog.debug("weave cache off: " + dir + " cannot be used (" + e + ")");
      return NONE;
    }
  }

  /** Why a folder is not safe to load classes from, or null. */
  private static String untrusted(Path dir) throws IOException {
    String user = System.getProperty("user.name");
    String owner = Files.getOwner(dir).getName();
    if (user == null || !user.equals(owner)) {
      return "belongs to " + owner + ", not to " + user;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      Set<PosixFilePermission> others =
          EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
      others.retainAll(permissions);
      if (!others.isEmpty()) {
        return "is writable by others (" + PosixFilePermissions.toString(permissions) + ")";
      }
    } catch (UnsupportedOperationException notPosix) {
      // no POSIX permissions to check beyond the owner
    }
    return Files.isWritable(dir) ? null : "is not writable";
  }

  /**
   * What identifies the agent build {@code agentClass} comes from: the agent's jar by its path,
   * size, modification time and the checksum of its central directory (which holds every entry's
   * name, size and CRC-32), read in one go at the end of the file, and the JVM (name and version);
   * null when it was not loaded from a jar. No cryptographic digest: a cold one cost the start
   * about 100 ms.
   */
  static String fingerprintOf(Class<?> agentClass) {
    try {
      CodeSource source = agentClass.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      if (location == null || !"file".equals(location.getProtocol())) {
        return null;
      }
      Path jar = Paths.get(location.toURI());
      if (!Files.isRegularFile(jar)) {
        return null;
      }
      Hash hash = new Hash();
      try (SeekableByteChannel channel = Files.newByteChannel(jar)) {
        long size = channel.size();
        int tail = (int) Math.min(size, END_RECORD_SEARCH);
        ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(size - tail);
        while (end.hasRemaining() && channel.read(end) > 0) {
          // read the tail
        }
        int at = tail - END_RECORD_BYTES;
        while (at >= 0 && end.getInt(at) != END_RECORD_SIGNATURE) {
          at--;
        }
        if (at < 0) {
          return null;
        }
        long directorySize = end.getInt(at + 12) & 0xffffffffL;
        long directoryOffset = end.getInt(at + 16) & 0xffffffffL;
        if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) {
          return null;
        }
        ByteBuffer directory = ByteBuffer.allocate((int) directorySize);
        channel.position(directoryOffset);
        while (directory.hasRemaining() && channel.read(directory) > 0) {
          // read the central directory
        }
        hash.update(jar.toAbsolutePath().toString());
        // woven bytes depend on nothing of the JVM that we know of; one JDK's never serve another
        hash.update(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        hash.update(size + "/" + Files.getLastModifiedTime(jar).toMillis());
        hash.update(directory.array());
      }
      return hash.hex();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      AgentLog.debug("weave cache off: the agent jar cannot be identified (" + e + ")");
      return null;
    }
  }

  boolean enabled() {
    return dir != null;
  }

  /**
   * One line for {@code doctor}: where the cache is, what it holds, or why it is not used. Reads
   * the folder only; creates nothing.
   */
  static String describe(Path dir) {
    if (dir == null) {
      return "weave cache: off (jouletrace.cache.dir=none, or no home folder)";
    }
    if (!Files.isDirectory(dir)) {
      return "weave cache: " + dir + " (not there yet: the first training fills it)";
    }
    try {
      String untrusted = untrusted(dir);
      if (untrusted != null) {
        return "weave cache: " + dir + " is not used: it " + untrusted;
      }
      long classes = 0;
      long checks = 0;
      long bytes = 0;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.endsWith(CLASS_SUFFIX)) {
            classes++;
            bytes += Files.size(f);
          } else if (name.endsWith(VERDICT_SUFFIX)) {
            checks++;
          }
        }
      }
      return "weave cache: "
          + dir
          + " (woven classes: "
          + classes
          + ", "
          + (bytes + 1023) / 1024
          + " KB; unit checks: "
          + checks
          + "); delete the folder to empty it";
    } catch (IOException | RuntimeException e) {
      return "weave cache: " + dir + " cannot be read (" + e + ")";
    }
  }

  /** The key of a class file woven with the weavings {@code applied}. */
  String key(String className, String applied, byte[] original) {
    Hash hash = new Hash();
    hash.update(fingerprint);
    hash.update(className);
    hash.update(applied);
    hash.update(original);
    return hash.hex();
  }

  /** The woven class file kept under {@code key}, or null. */
  byte[] woven(String key) {
    if (dir == null) {
      return null;
    }
    Path file = dir.resolve(key + CLASS_SUFFIX);
    try {
      byte[] all = Files.readAllBytes(file);
      int header = MAGIC.length + HASH_BYTES;
      if (all.length <= header || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        return null;
      }
      byte[] bytes = Arrays.copyOfRange(all, header, all.length);
      if (!Arrays.equals(Hash.of(bytes), 0, HASH_BYTES, all, MAGIC.length, header)) {
        AgentLog.debug("weave cache: " + file + " is damaged; weaving instead");
        return null;
      }
      touch(file);
      return bytes;
    } catch (IOException | RuntimeException e) {
      return null; // not there (the usual miss) or unreadable: weave
    }
  }

  /** Keeps {@code woven} under {@code key}, atomically; a failure only means no entry. */
  void store(String key, byte[] woven) {
    if (dir == null) {
      return;
    }
    byte[] all = new byte[MAGIC.length + HASH_BYTES + woven.length];
    System.arraycopy(MAGIC, 0, all, 0, MAGIC.length);
    System.arraycopy(Hash.of(woven), 0, all, MAGIC.length, HASH_BYTES);
    System.arraycopy(woven, 0, all, MAGIC.length + HASH_BYTES, woven.length);
    write(dir.resolve(key + CLASS_SUFFIX), all);
  }

  /** A locator that notes every class file it gives, for {@link #storeVerdict}. */
  static final class Recording implements ClassFileLocator {
    private final ClassFileLocator delegate;
    private final Map<String, byte[]> read = new LinkedHashMap<>();

    Recording(ClassFileLocator delegate) {
      this.delegate = delegate;
    }

    @Override
    public Resolution locate(String name) throws IOException {
      Resolution resolution = delegate.locate(name);
      read.put(name, resolution.isResolved() ? resolution.resolve() : null);
      return resolution;
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    Map<String, byte[]> read() {
      return read;
    }
  }

  /**
   * Keeps that unit {@code unitName} applied given exactly the class files in {@code read} (name to
   * bytes, null for absent).
   */
  void storeVerdict(String unitName, Map<String, byte[]> read) {
    if (dir == null || read.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, byte[]> e : read.entrySet()) {
      text.append(e.getKey())
          .append('\t')
          .append(e.getValue() == null ? ABSENT : hex(Hash.of(e.getValue())))
          .append('\n');
    }
    write(verdictFile(unitName), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether unit {@code unitName} was found to apply given class files that {@code loader} still
   * gives, byte for byte (each one absent where it was).
   */
  boolean verdictHolds(String unitName, ClassLoader loader) {
    if (dir == null || loader == null) {
      return false;
    }
    Path file = verdictFile(unitName);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return false;
      }
      for (String line : lines) {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          return false;
        }
        String name = line.substring(0, tab);
        String expected = line.substring(tab + 1);
        byte[] bytes;
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
          bytes = in == null ? null : in.readAllBytes();
        }
        String actual = bytes == null ? ABSENT : hex(Hash.of(bytes));
        if (!actual.equals(expected)) {
          return false;
        }
      }
      touch(file);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Removes the entries not used for {@link #UNUSED_DAYS} days; never throws. */
  void pruneUnused() {
    if (dir == null) {
      return;
    }
    long oldest = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(UNUSED_DAYS);
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(
              f -> {
                String name = f.getFileName().toString(); // with a write's leftover temporaries
                return name.contains(CLASS_SUFFIX) || name.contains(VERDICT_SUFFIX);
              })
          .forEach(
              f -> {
                try {
                  if (Files.getLastModifiedTime(f).toMillis() < oldest) {
                    Files.deleteIfExists(f);
                  }
                } catch (IOException | RuntimeException ignored) {
                  // another JVM may have removed or replaced it
                }
              });
    } catch (IOException | RuntimeException e) {
      AgentLog.debug("weave cache: could not prune " + dir + " (" + e + ")");
    }
  }

  private Path verdictFile(String unitName) {
    Hash hash = new Hash();
    hash.update(fingerprint);
    hash.update(unitName);
    return dir.resolve(hash.hex() + VERDICT_SUFFIX);
  }

  /** Marks an entry used, at most once a day, so that pruning keeps it. */
  private static void touch(Path file) {
    try {
      long now = System.currentTimeMillis();
      if (Files.getLastModifiedTime(file).toMillis() < now - TimeUnit.DAYS.toMillis(1)) {
        Files.setLastModifiedTime(file, FileTime.fromMillis(now));
      }
    } catch (IOException | RuntimeException ignored) {
      // pruning may then remove it a day early: it is woven again
    }
  }

  private static void write(Path file, byte[] bytes) {
    Path temp =
        file.resolveSibling(
            file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      AgentLog.debug("weave cache: could not write " + file + " (" + e + ")");
      try {
        Files.deleteIfExists(temp);
      } catch (IOException | RuntimeException ignored) {
        // nothing more to do
      }
    }
  }

  /**
   * Sixteen bytes of checksum, CRC-32C and CRC-32 of the length-prefixed parts, each with their
   * count of bytes: against accidental likeness (a class file changed by a new framework version),
   * not a forger, who would need to write the class files the training loads anyway. Both checksums
   * are native in the JDK, so even the first use costs nothing measurable.
   */
  static final class Hash {
    private final CRC32C first = new CRC32C();
    private final CRC32 second = new CRC32();
    private long length;

    static byte[] of(byte[] bytes) {
      Hash hash = new Hash();
      hash.update(bytes);
      return hash.bytes();
    }

    void update(String text) {
      update(text.getBytes(StandardCharsets.UTF_8));
    }

    void update(byte[] bytes) {
      byte[] prefix = ByteBuffer.allocate(4).putInt(bytes.length).array();
      first.update(prefix);
      second.update(prefix);
      first.update(bytes);
      second.update(bytes);
      length += 4 + bytes.length;
    }

    byte[] bytes() {
      return ByteBuffer.allocate(HASH_BYTES)
          .putInt((int) first.getValue())
          .putInt((int) second.getValue())
          .putLong(length)
          .array();
    }

    String hex() {
      return WeaveCache.hex(bytes());
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }
}
