/** Activations of named layers and vertices of any ComputationGraph, with errors that list the graph's names. */
package org.bidizoo.zoo.analysis.activations;
