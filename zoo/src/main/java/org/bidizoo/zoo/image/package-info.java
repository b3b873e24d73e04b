/** PNG figures of image grids. */
package org.bidizoo.zoo.image;
