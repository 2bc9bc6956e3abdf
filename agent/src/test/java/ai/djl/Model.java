package ai.djl;

/** Test double with DJL's name. */
public interface Model {}
