package org.deeplearning4j.nn.workspace;

/** Test double with DL4J's name. */
public final class LayerWorkspaceMgr {}
