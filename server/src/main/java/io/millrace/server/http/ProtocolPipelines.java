package io.millrace.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;

import java.util.concurrent.CompletableFuture;

/**
 * Builds every pipeline the port can need: detection, TLS + ALPN, HTTP/1.1, HTTP/2 and its per-stream pipeline.
 * Only Netty's codecs speak the protocols; the handlers added here hand requests to the {@link ApiExchange}.
 * Thread-safe: immutable, shared by all connections.
 */
final class ProtocolPipelines {
    private static final int MAX_INITIAL_LINE_BYTES = 8192;
    private static final int MAX_HEADER_BYTES = 16384;
    private static final int MAX_CHUNK_BYTES = 65536;

    private final ApiExchange exchange;
    private final CompletableFuture<SslContext> tlsContext;
    private final int maxRequestBytes;
    private final int maxInFlightPerConnection;
    private final long http2GoAwayTimeoutMs;
    private final boolean isTlsOnly;

    ProtocolPipelines(ApiExchange exchange, CompletableFuture<SslContext> tlsContext, TransportConfig config,
                      long http2GoAwayTimeoutMs) {
        this.exchange = exchange;
        this.tlsContext = tlsContext;
        this.maxRequestBytes = config.maxRequestBytes();
        this.maxInFlightPerConnection = config.maxInFlightPerConnection();
        this.http2GoAwayTimeoutMs = http2GoAwayTimeoutMs;
        this.isTlsOnly = config.tlsOnly();
    }

    /** Every accepted connection starts here. */
    void configureNewConnection(Channel connection) {
        connection.attr(ConnectionState.KEY).set(new ConnectionState(connection));
        connection.pipeline().addLast("detect", new ProtocolDetector(this, false));
    }

    /** TLS without ALPN: the decrypted bytes are HTTP/2 with prior knowledge or HTTP/1.1. */
    void configureDetectionInsideTls(Channel connection) {
        connection.pipeline().addLast("detect-in-tls", new ProtocolDetector(this, true));
    }

    /** Whether plain-text connections are refused (closed before anything is read from them). */
    boolean isTlsOnly() {
        return isTlsOnly;
    }

    /** The TLS context; it may still be loading just after start (see {@link HttpServer#start}). */
    CompletableFuture<SslContext> tlsContext() {
        return tlsContext;
    }

    /** Installs TLS; only called once {@link #tlsContext()} has completed normally. */
    void configureTls(Channel connection) {
        ConnectionState.of(connection).markTls();
        connection.pipeline().addLast("tls", tlsContext.join().newHandler(connection.alloc()));
        connection.pipeline().addLast("alpn", new AlpnNegotiator(this));
    }

    void configureHttp1(Channel connection) {
        ConnectionState state = ConnectionState.of(connection);
        connection.pipeline().addLast("http1", new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES,
                MAX_CHUNK_BYTES));
        connection.pipeline().addLast("aggregate", new BoundedBodyAggregator(maxRequestBytes));
        connection.pipeline().addLast("api", new Http1RequestHandler(exchange, state, maxInFlightPerConnection));
    }

    void configureHttp2(Channel connection) {
        ConnectionState state = ConnectionState.of(connection);
        state.markHttp2();
        // The stream limit is the HTTP/2 form of the per-connection in-flight bound: a stream stays open until
        // its response is written, so the client cannot have more requests unanswered than this.
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(maxInFlightPerConnection)
                .maxHeaderListSize(MAX_HEADER_BYTES);
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .gracefulShutdownTimeoutMillis(http2GoAwayTimeoutMs)
                .build();
        connection.pipeline().addLast("http2", codec);
        connection.pipeline().addLast("streams", new Http2MultiplexHandler(new StreamInitializer(state)));
    }

    /** The pipeline of one HTTP/2 stream: frames become an HTTP/1-style request, then the API handler. */
    private final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
        private final ConnectionState state;

        StreamInitializer(ConnectionState state) {
            this.state = state;
        }

        @Override
        protected void initChannel(Http2StreamChannel stream) {
            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
            stream.pipeline().addLast(new BoundedBodyAggregator(maxRequestBytes));
            stream.pipeline().addLast(new Http2StreamHandler(exchange, state));
        }
    }
}
