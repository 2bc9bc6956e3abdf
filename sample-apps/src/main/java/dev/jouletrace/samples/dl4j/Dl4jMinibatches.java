package dev.jouletrace.samples.dl4j;

import dev.jouletrace.samples.SyntheticClasses;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The minibatch iterator every DL4J sample trains from: DL4J's own {@code ListDataSetIterator} over
 * the rows of a {@link SyntheticClasses} set, which builds new minibatch objects on every pass.
 *
 * <p>DL4J moved that class from {@code org.deeplearning4j.datasets.iterator.impl} (1.0.0-beta4, in
 * {@code deeplearning4j-utility-iterators}) to {@code org.deeplearning4j.datasets.iterator.utilty}
 * (1.0.0-M1 on); the samples take whichever the class path has, so that the same compiled sample
 * runs on the oldest and the newest DL4J the README claims.
 */
public final class Dl4jMinibatches {
  private static final String[] LIST_ITERATORS = {
    "org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator",
    "org.deeplearning4j.datasets.iterator.impl.ListDataSetIterator",
  };

  private Dl4jMinibatches() {}

  /** {@code batch}-row minibatches of {@code data}, labels one-hot, in row order. */
  public static DataSetIterator of(SyntheticClasses data, int batch) {
    DataSet all = new DataSet(Nd4j.create(data.features()), Nd4j.create(data.oneHotLabels()));
    Class<?> type = listIterator();
    try {
      return (DataSetIterator)
          type.getConstructor(Collection.class, int.class).newInstance(all.asList(), batch);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(type.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type.getName() + " has no (Collection, int) constructor", e);
    }
  }

  private static Class<?> listIterator() {
    for (String name : LIST_ITERATORS) {
      try {
        return Class.forName(name);
      } catch (ClassNotFoundException e) {
        // moved in another DL4J version: try the next name
      }
    }
    throw new IllegalStateException("no DL4J ListDataSetIterator on the class path");
  }
}
