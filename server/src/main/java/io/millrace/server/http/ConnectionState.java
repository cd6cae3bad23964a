package io.millrace.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.AttributeKey;

/**
 * What the transport knows about one client connection: whether it is TLS or HTTP/2, how many requests (or streams)
 * await an answer, and whether the server is draining it for shutdown. A draining connection reads no new requests
 * (HTTP/1.1) or refuses new streams with GOAWAY (HTTP/2), and closes once its last answer is written.
 *
 * <p>Confined to the connection's event loop (HTTP/2 stream channels share their parent's loop).
 */
final class ConnectionState {
    static final AttributeKey<ConnectionState> KEY = AttributeKey.valueOf("millrace.connection");

    private final Channel channel;
    private boolean isTls;
    private boolean isHttp2;
    private boolean isDraining;
    private int inFlight;

    ConnectionState(Channel channel) {
        this.channel = channel;
    }

    static ConnectionState of(Channel connection) {
        return connection.attr(KEY).get();
    }

    void markTls() {
        isTls = true;
    }

    void markHttp2() {
        isHttp2 = true;
    }

    boolean isTls() {
        return isTls;
    }

    boolean isDraining() {
        return isDraining;
    }

    int inFlight() {
        return inFlight;
    }

    void onRequestStarted() {
        inFlight++;
    }

    void onRequestFinished() {
        inFlight--;
        if (isDraining && inFlight == 0) {
            channel.close();
        }
    }

    /** Stops taking requests and closes when the answers already owed are written. Call on the event loop. */
    void drain() {
        if (isDraining) {
            return;
        }
        isDraining = true;
        channel.config().setAutoRead(false);
        if (isHttp2 && channel.isActive()) {
            // Tells the client which streams will still be answered; it opens new ones on a new connection.
            channel.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
        }
        if (inFlight == 0) {
            channel.close();
        }
    }
}
