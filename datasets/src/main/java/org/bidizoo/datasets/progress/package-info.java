/** Progress bars on standard error. */
package org.bidizoo.datasets.progress;
