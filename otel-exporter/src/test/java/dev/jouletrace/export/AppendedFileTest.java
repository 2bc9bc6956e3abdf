package dev.jouletrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendedFileTest {
  @TempDir Path dir;

  private static byte[] line(String s) {
    return (s + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesItsHeaderOnceAndLinesOnlyWhenFlushed() throws IOException {
    Path path = dir.resolve("jvm/epochs.csv");
    AppendedFile file = new AppendedFile(path, line("h"), 1024);
    assertThat(file.append(line("a"))).isEqualTo(2);
    assertThat(file.append(line("b"))).isEqualTo(4);
    assertThat(path).doesNotExist();

    assertThat(file.flush()).isTrue();
    file.append(line("c"));
    assertThat(file.flush()).isTrue();

    assertThat(Files.readAllLines(path)).containsExactly("h", "a", "b", "c");
    assertThat(file.size()).isEqualTo(8);
  }

  @Test
  void aRemovedFolderIsRecreatedWithTheHeaderAndWritingGoesOn() throws IOException {
    Path folder = dir.resolve("jvm");
    Path path = folder.resolve("epochs.csv");
    AppendedFile file = new AppendedFile(path, line("h"), 1024);
    file.append(line("a"));
    file.flush();
    Files.delete(path);
    Files.delete(folder);

    file.append(line("b"));
    assertThat(file.flush()).isTrue();

    assertThat(Files.readAllLines(path)).containsExactly("h", "b");
    assertThat(file.generation()).isEqualTo(1);
    assertThat(file.linesLost()).isZero();
  }

  @Test
  void linesWaitWhileTheFolderCannotBeWrittenAndThoseBeyondTheBoundAreCounted() throws IOException {
    Path blocker = dir.resolve("jvm");
    Files.writeString(blocker, "a file where the folder should be");
    AppendedFile file = new AppendedFile(blocker.resolve("epochs.csv"), new byte[0], 4);
    file.append(line("a"));
    assertThat(file.flush()).isFalse();
    assertThat(file.lastFailure()).isNotNull();
    file.append(line("b"));
    assertThat(file.append(line("c"))).isEqualTo(-1);
    assertThat(file.linesLost()).isEqualTo(1);

    Files.delete(blocker);
    assertThat(file.flush()).isTrue();

    assertThat(Files.readAllLines(blocker.resolve("epochs.csv"))).containsExactly("a", "b");
    assertThat(file.lastFailure()).isNull();
  }
}
