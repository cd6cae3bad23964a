/**
 * One class per Firehose operation, named as AWS names it, with its {@code XxxRequest}/{@code XxxResponse} records;
 * {@link io.millrace.firehose.op.FirehoseOperations} is the routing table the server serves under
 * {@code Firehose_20150804}.
 */
package io.millrace.firehose.op;
