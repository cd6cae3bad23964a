package io.millrace.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * After the TLS handshake, installs HTTP/2 or HTTP/1.1 as ALPN chose. When the client offered no ALPN, the first
 * decrypted bytes decide (HTTP/2 preface or HTTP/1.1), as on the cleartext port. One instance per connection.
 */
final class AlpnNegotiator extends ApplicationProtocolNegotiationHandler {
    /** Not a real protocol name: what Netty reports when the handshake negotiated none. */
    private static final String NOT_NEGOTIATED = "millrace-no-alpn";

    private final ProtocolPipelines pipelines;

    AlpnNegotiator(ProtocolPipelines pipelines) {
        super(NOT_NEGOTIATED);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.configureHttp2(ctx.channel());
        } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            pipelines.configureHttp1(ctx.channel());
        } else if (NOT_NEGOTIATED.equals(protocol)) {
            pipelines.configureDetectionInsideTls(ctx.channel());
        } else {
            throw new IllegalStateException("unexpected ALPN protocol: " + protocol);
        }
    }
}
