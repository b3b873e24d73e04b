package org.bidizoo.datasets.source;

import java.nio.file.Path;
import java.util.List;

/**
 * The state of a dataset on this machine: which directory holds it, whether every file's SHA-256
 * matched, and the example counts read from the files' headers.
 *
 * @param name     dataset name
 * @param path     the directory examined (the verified copy if there is one), or null if no copy exists
 * @param verified true only when all four files are present and every SHA-256 matched
 * @param train    training examples according to the train images file's header, or -1 if unreadable
 * @param test     test examples according to the test images file's header, or -1 if unreadable
 * @param files    one entry per published file
 */
public record DatasetStatus(String name, Path path, boolean verified, int train, int test, List<FileStatus> files) {

    /** @return the problems of the files that did not verify, one line each; empty when verified */
    public String problems() {
        StringBuilder sb = new StringBuilder();
        for (FileStatus f : files) {
            if (!f.verified()) {
                sb.append(sb.length() == 0 ? "" : "\n").append(f.path()).append(": ").append(f.problem());
            }
        }
        return sb.toString();
    }
}
