/** The bidizoo command line: one small class per command, the work done by library classes. */
package org.bidizoo.cli;
