/** A DataVec RecordReader over IDX files. */
package org.bidizoo.datasets.datavec;
