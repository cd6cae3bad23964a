/**
 * The network edge: one port serving HTTP/1.1, HTTP/2 cleartext (prior knowledge) and TLS with ALPN.
 *
 * <p>Start at {@link io.millrace.server.http.HttpServer} (lifecycle) and the seam it serves,
 * {@link io.millrace.server.http.ApiDispatcher} with {@link io.millrace.server.http.ApiRequest} /
 * {@link io.millrace.server.http.ApiResponse}. {@code ProtocolDetector} and {@code AlpnNegotiator} pick the
 * protocol per connection; {@code ProtocolPipelines} builds the Netty pipelines; {@code Http1RequestHandler} and
 * {@code Http2StreamHandler} hand complete requests to the dispatcher and never block. Nothing here knows Kinesis.
 * Values are non-null unless documented otherwise.
 */
package io.millrace.server.http;
