/** PNG figures of image grids. */
package org.bidizoo.cli.image;
