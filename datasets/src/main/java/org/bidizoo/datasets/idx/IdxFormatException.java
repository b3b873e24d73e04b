package org.bidizoo.datasets.idx;

import java.io.IOException;

/**
 * A file that is not a well-formed IDX file of the expected shape. The message names the file,
 * what was expected and what was found.
 */
public class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the file, the expectation and the finding */
    public IdxFormatException(String message) {
        super(message);
    }
}
