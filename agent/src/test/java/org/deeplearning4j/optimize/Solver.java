package org.deeplearning4j.optimize;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

/** Test double with DL4J's name: one optimizer step for the network in its private field. */
public class Solver {
  private final Model model;

  public Solver(Model model) {
    this.model = model;
  }

  public void optimize(LayerWorkspaceMgr workspaceMgr) {
    model.computeGradientAndScore();
  }
}
