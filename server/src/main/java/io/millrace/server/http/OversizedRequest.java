package io.millrace.server.http;

import io.netty.handler.codec.http.HttpRequest;

/**
 * Passed down the pipeline instead of a request whose body is too large: its line and headers only. The rest of
 * its body is discarded by {@link BoundedBodyAggregator}, so the connection (or stream) stays usable.
 */
record OversizedRequest(HttpRequest headersOnly) {
}
