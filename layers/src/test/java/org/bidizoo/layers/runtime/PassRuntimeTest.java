package org.bidizoo.layers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bidizoo.layers.lmser.LmserLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;

/** The one runtime switch of the layers that have two, and the name Lmser configurations were saved with. */
class PassRuntimeTest {
    @Test
    void namesAreReadCaseInsensitivelyAndAutoIsDirect() {
        assertEquals(PassRuntime.DIRECT, PassRuntime.of("AUTO"));
        assertEquals(PassRuntime.DIRECT, PassRuntime.of(null));
        assertEquals(PassRuntime.SAMEDIFF, PassRuntime.of("samediff"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PassRuntime.of("FAST"));
        assertTrue(e.getMessage().contains("runtime = FAST, expected one of [DIRECT, SAMEDIFF]"), e.getMessage());
    }

    @Test
    void anLmserConfigurationSavedWithRuntimeAutoLoadsAsDirect() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("lmser", new LmserLayer.Builder().denseLevels(4, 2).runtime(PassRuntime.SAMEDIFF).build(),
                        "in")
                .setOutputs("lmser").setInputTypes(InputType.feedForward(6)).build();
        String json = conf.toJson();
        assertTrue(json.contains("\"runtime\" : \"SAMEDIFF\""), "the runtime is written by name");
        String saved = json.replace("\"runtime\" : \"SAMEDIFF\"", "\"runtime\" : \"AUTO\"");
        LmserLayer back = (LmserLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) ComputationGraphConfiguration
                .fromJson(saved).getVertices().get("lmser")).getLayerConf().getLayer();
        assertEquals(PassRuntime.DIRECT, back.getRuntime());
        LmserLayer same = (LmserLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) ComputationGraphConfiguration
                .fromJson(json).getVertices().get("lmser")).getLayerConf().getLayer();
        assertEquals(PassRuntime.SAMEDIFF, same.getRuntime());
    }
}
