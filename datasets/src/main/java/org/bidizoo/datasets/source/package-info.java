/** Where datasets come from: descriptors with SHA-256 of every published file, the locator that finds, verifies and fetches them, and the package-client sources. */
package org.bidizoo.datasets.source;
