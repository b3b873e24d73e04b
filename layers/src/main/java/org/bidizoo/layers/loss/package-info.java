/** Loss functions shared by the families: the reconstruction loss ½‖x̂ − x‖² with a fused host-memory path. */
package org.bidizoo.layers.loss;
