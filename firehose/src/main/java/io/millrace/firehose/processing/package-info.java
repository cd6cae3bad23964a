/**
 * Record processing of {@code ProcessingConfiguration}: start with
 * {@link io.millrace.firehose.processing.ProcessingPipeline} (which processors run, in which order), then one class per
 * processor type: {@code RecordDeAggregation} (with {@link io.millrace.firehose.processing.KplAggregation}),
 * {@code LambdaProcessor} (reaching functions through {@link io.millrace.firehose.processing.LambdaInvoker} /
 * {@link io.millrace.firehose.processing.HttpLambdaInvoker}), {@code MetadataExtraction} (jq) and
 * {@code AppendDelimiterToRecord}. Failures are data ({@link io.millrace.firehose.processing.FailedRecord}), written by
 * the destination to its error output.
 */
package io.millrace.firehose.processing;
