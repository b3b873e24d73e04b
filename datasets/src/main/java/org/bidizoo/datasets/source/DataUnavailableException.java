package org.bidizoo.datasets.source;

import java.io.IOException;

/**
 * A dataset is not on this machine and could not be fetched, or a copy failed verification. The
 * message says which files, what was expected, what was found and how to fix it.
 */
public class DataUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the files, the finding and the fix */
    public DataUnavailableException(String message) {
        super(message);
    }

    /** @param message the files, the finding and the fix @param cause the underlying failure */
    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
