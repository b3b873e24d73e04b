/** Files written so that a crash, a full disk or a kill never leaves a half-written file in place. */
package org.bidizoo.datasets.io;
