package org.bidizoo.zoo.pretrained;

import java.util.Map;

/**
 * One set of trained weights: which zoo model they fit, what they were trained on, how to verify
 * them, how well they do, and how to make them again.
 *
 * @param model         zoo name, e.g. {@code lmser-dense}
 * @param variant       Lmser variant, or empty for models without variants
 * @param dataset       {@code mnist} or {@code fashion-mnist}
 * @param version       e.g. {@code MNIST_V1}
 * @param fileName      file name, with the first 8 hex digits of its SHA-256
 * @param sha256        full SHA-256 of the file
 * @param size          file size in bytes
 * @param parameters    parameter count of the graph
 * @param metrics       test-set metrics measured on the file ({@code recon_mse}, {@code test_accuracy})
 * @param preprocessing what the input must look like
 * @param licence       licence of the weights
 * @param command       the command that produced the file
 * @param trainSeconds  training time of that command on the machine that ran it
 * @param shipped       whether the file ships inside the bidizoo-zoo jar (works offline)
 * @param isDefault     whether this is the model's DEFAULT entry
 */
public record PretrainedEntry(String model, String variant, String dataset, String version, String fileName,
                              String sha256, long size, long parameters, Map<String, Double> metrics,
                              String preprocessing, String licence, String command, double trainSeconds,
                              boolean shipped, boolean isDefault) {

    /** @return {@code model[-variant]/version}, the name users type */
    public String id() {
        return model + (variant == null || variant.isEmpty() ? "" : "-" + variant) + "/" + version;
    }
}
