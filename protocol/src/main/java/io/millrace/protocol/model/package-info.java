/**
 * The AWS service model, resolved. Start at {@link io.millrace.protocol.model.ServiceModel#kinesis()}, which
 * reads the bundled C2J model and our 2026 supplement into {@link io.millrace.protocol.model.Shape}s and
 * {@link io.millrace.protocol.model.OperationModel}s. Validation constraints are data here, never hand-copied.
 */
package io.millrace.protocol.model;
