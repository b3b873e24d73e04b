/**
 * DL4J UI modules (found through {@code META-INF/services/org.deeplearning4j.ui.api.UIModule}) serving the
 * dashboard's pages under {@code /bidizoo/} on DL4J's UI server, each with a JSON data route beside it, and
 * {@link org.bidizoo.ui.module.TrainPagesLink}, which links DL4J's own training pages to them.
 */
package org.bidizoo.ui.module;
