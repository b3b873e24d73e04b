package org.bidizoo.layers.runtime;

/**
 * A layer runtime that may skip dL/d(input) in its backward pass when its configuration says nothing
 * needs it (the layer sits on the graph's input, whose epsilon DL4J discards), and returns null
 * instead, as DL4J's own embedding layer does. Code that does read the input's gradient (e.g.
 * {@code InputGradients}) forces it on for the duration of its call.
 */
public interface InputGradientSwitch {
    /** @param forced compute dL/d(input) whatever the configuration says */
    void setInputGradientForced(boolean forced);
}
