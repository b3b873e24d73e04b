package org.bidizoo.zoo.train;

/**
 * Training stopped because the score became NaN or infinite: the parameters are no longer usable. The message
 * names the iteration and each output's score; the graph was not handed to any listener after the bad step,
 * so the last checkpoint written holds the last good parameters.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int iteration;

    /**
     * @param message   what went non-finite, where
     * @param iteration the iteration (1-based) whose step gave the non-finite score
     */
    public TrainingDivergedException(String message, int iteration) {
        super(message);
        this.iteration = iteration;
    }

    /** @return the iteration (1-based) whose step gave the non-finite score */
    public int iteration() {
        return iteration;
    }
}
