/** PNG figures: image grids (inputs, reconstructions) and scatter plots of 2-D maps coloured by class. */
package org.bidizoo.ui.image;
