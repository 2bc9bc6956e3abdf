package ai.djl.training.dataset;

/** Test double with DJL's name. */
public final class Batch {}
