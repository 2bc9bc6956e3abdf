package com.acme;

/** An older version of a trainer: it lacks a method the configuration names. */
public class LegacyTrainer {
  public void trainAll() {}
}
