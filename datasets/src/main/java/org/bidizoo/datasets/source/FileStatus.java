package org.bidizoo.datasets.source;

import java.nio.file.Path;

/**
 * What was found for one published file in one directory.
 *
 * @param fileName       the published name
 * @param path           where it was looked for
 * @param exists         whether a regular file is there
 * @param size           its size in bytes, or -1 when absent
 * @param expectedSha256 the published SHA-256
 * @param actualSha256   the SHA-256 of the file found, or null when absent
 * @param problem        null when the file is present and verified; otherwise what is wrong, in words
 */
public record FileStatus(String fileName, Path path, boolean exists, long size, String expectedSha256,
                         String actualSha256, String problem) {

    /** @return whether the file is present and its SHA-256 matched */
    public boolean verified() {
        return problem == null;
    }
}
