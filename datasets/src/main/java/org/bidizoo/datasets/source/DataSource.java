package org.bidizoo.datasets.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A way to obtain a dataset's published files, e.g. through a package client. */
public interface DataSource {

    /** @return whether the client this source needs is installed */
    boolean available();

    /**
     * Fetches the files into a directory.
     *
     * @param files     the files wanted, by published name
     * @param targetDir an empty directory; on return it holds every wanted file under its name
     * @throws IOException if the fetch fails; the message says what ran and what went wrong
     */
    void fetchInto(List<DataFile> files, Path targetDir) throws IOException;

    /** @return one sentence telling a person how to obtain the files by hand */
    String manualInstructions();
}
