/**
 * One class per Kinesis operation, named as AWS names it, with its {@code XxxRequest}/{@code XxxResponse} records.
 * Start with {@link io.millrace.streams.op.KinesisOperations}, which builds the {@link
 * io.millrace.streams.op.OperationTable} and wraps every row in the {@link
 * io.millrace.streams.op.StorageFaultBoundary}. Operations throw only {@link io.millrace.protocol.error.ApiException}.
 */
package io.millrace.streams.op;
