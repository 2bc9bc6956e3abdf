package dev.jouletrace.samples;

import java.util.Set;

/**
 * Command-line options shared by the sample trainings: {@code --epochs N --rows N --batch N --mode
 * NAME --seed N}.
 *
 * <p>{@code rows} is the number of training rows, so every sample runs exactly {@link
 * #batchesPerEpoch()} training batches per epoch (the last one may be partial).
 */
public record SampleArgs(int epochs, int rows, int batch, String mode, long seed) {

  public static final int DEFAULT_EPOCHS = 3;
  public static final int DEFAULT_ROWS = 8000;
  public static final int DEFAULT_BATCH = 64;
  public static final long DEFAULT_SEED = 42L;

  public SampleArgs {
    if (epochs < 1 || rows < 1 || batch < 1) {
      throw new IllegalArgumentException("--epochs, --rows and --batch must be positive");
    }
  }

  /** Parses {@code args}; {@code modes} lists the accepted {@code --mode} values. */
  public static SampleArgs parse(String[] args, Set<String> modes, String defaultMode) {
    int epochs = DEFAULT_EPOCHS;
    int rows = DEFAULT_ROWS;
    int batch = DEFAULT_BATCH;
    long seed = DEFAULT_SEED;
    String mode = defaultMode;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + name);
      }
      String value = args[++i];
      switch (name) {
        case "--epochs" -> epochs = Integer.parseInt(value);
        case "--rows" -> rows = Integer.parseInt(value);
        case "--batch" -> batch = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--mode" -> mode = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (!modes.contains(mode)) {
      throw new IllegalArgumentException("unknown --mode " + mode + "; expected one of " + modes);
    }
    return new SampleArgs(epochs, rows, batch, mode, seed);
  }

  /** Training batches per epoch: {@code ceil(rows / batch)}. */
  public int batchesPerEpoch() {
    return (rows + batch - 1) / batch;
  }
}
