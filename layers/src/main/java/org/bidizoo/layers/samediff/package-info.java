/** The base of our SameDiff layers (DL4J 1.0.0-M2.1's doubled gradients undone) and SameDiff activations. */
package org.bidizoo.layers.samediff;
