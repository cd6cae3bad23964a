package io.millrace.firehose.op;

/** Who is calling and where: delivery streams are namespaced by account and region, as in AWS. */
public record FirehoseContext(String accountId, String region, String requestId) {
}
