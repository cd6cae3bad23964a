package io.millrace.streams.op;

/**
 * Who is calling and where: the account and region every stream is namespaced by. The server derives them from
 * the SigV4 credential scope of the request (or the configured defaults).
 */
public record RequestContext(String accountId, String region, String requestId) {
}
