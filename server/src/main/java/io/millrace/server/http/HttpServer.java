package io.millrace.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one listening port: plain HTTP/1.1, HTTP/2 cleartext with prior knowledge, and TLS with ALPN ({@code h2},
 * {@code http/1.1}), told apart by the first bytes of each connection. Every complete request goes to the
 * {@link ApiDispatcher}; answers are written on the connection's event loop.
 *
 * <p>Lifecycle: {@link #start} binds and returns a running server; {@link #shutdownGracefully} stops accepting,
 * lets owed answers be written (bounded by the given time), then closes every connection and stops the threads.
 * Thread-safe.
 */
public final class HttpServer implements AutoCloseable {
    /** How long {@link #close()} lets in-flight requests finish. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int ACCEPT_BACKLOG = 1024;

    private final Channel listener;
    private final ChannelGroup connections;
    private final EventLoops loops;
    private final AtomicReference<CompletableFuture<Void>> shutdown = new AtomicReference<>();
    private final CompletableFuture<SslContext> tlsContext;

    private HttpServer(Channel listener, ChannelGroup connections, EventLoops loops,
                       CompletableFuture<SslContext> tlsContext) {
        this.tlsContext = tlsContext;
        this.listener = listener;
        this.connections = connections;
        this.loops = loops;
    }

    /** Binds {@code config.host():config.port()} and serves until shut down. */
    public static HttpServer start(TransportConfig config, ApiDispatcher dispatcher) {
        CompletableFuture<SslContext> sslContext = tlsContext(config);
        EventLoops loops = EventLoops.create(config.ioThreads());
        ChannelGroup connections = new DefaultChannelGroup("millrace-connections", GlobalEventExecutor.INSTANCE);
        ProtocolPipelines pipelines = new ProtocolPipelines(new ApiExchange(dispatcher), sslContext, config,
                DEFAULT_SHUTDOWN_TIMEOUT.toMillis());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.acceptor(), loops.io())
                .channel(loops.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connections.add(connection);
                        pipelines.configureNewConnection(connection);
                    }
                });
        ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loops.shutdown().join();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        HttpServer server = new HttpServer(bound.channel(), connections, loops, sslContext);
        LOG.info("Listening on {} (HTTP/1.1, h2c, TLS with ALPN h2/http1.1; {} transport)", server.address(),
                loops.isNative() ? "epoll" : "NIO");
        return server;
    }

    /**
     * A configured certificate is loaded before binding, so a bad one stops the start. The self-signed one is
     * loaded (or generated) in the background: building a TLS context costs most of a second of start-up, and
     * plain-HTTP clients need not wait for it; a TLS client that comes first is held until it is ready.
     */
    private static CompletableFuture<SslContext> tlsContext(TransportConfig config) {
        if (config.tlsCertFile() != null) {
            return CompletableFuture.completedFuture(TlsMaterial.forConfig(config).serverContext());
        }
        CompletableFuture<SslContext> context = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                context.complete(TlsMaterial.forConfig(config).serverContext());
            } catch (RuntimeException e) {
                LOG.error("Cannot prepare the self-signed TLS certificate; https:// connections will be refused", e);
                context.completeExceptionally(e);
            }
        }, "millrace-tls-loader");
        loader.setDaemon(true);
        loader.start();
        return context;
    }

    /** Completes when https:// connections are served without waiting (the TLS context is ready). */
    public CompletableFuture<Void> tlsReady() {
        return tlsContext.thenApply(context -> null);
    }

    public int port() {
        return address().getPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Stops accepting, lets in-flight requests be answered for at most {@code timeout}, then closes every
     * connection, stops the event loops and waits for the TLS loader to finish (about a second at most, at start-up),
     * so that nothing of the server still writes to its directories when the future completes. Idempotent: later
     * calls return the same future.
     */
    public CompletableFuture<Void> shutdownGracefully(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!shutdown.compareAndSet(null, done)) {
            return shutdown.get();
        }
        listener.close().addListener(closed -> {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            connections.newCloseFuture().addListener(allClosed -> drained.complete(null));
            for (Channel connection : connections) {
                connection.eventLoop().execute(() -> drain(connection));
            }
            drained.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenCompose(ignored -> closeRemaining())
                    .thenCompose(ignored -> loops.shutdown())
                    // The self-signed certificate may still be being written: a stopped server writes no more files.
                    .thenCompose(ignored -> tlsContext.handle((context, failure) -> null))
                    .whenComplete((ignored, failure) -> {
                        LOG.info("Stopped listening on {}", listener.localAddress());
                        done.complete(null);
                    });
        });
        return done;
    }

    /** Graceful shutdown with {@link #DEFAULT_SHUTDOWN_TIMEOUT}; blocks, so never call it from an event loop. */
    @Override
    public void close() {
        shutdownGracefully(DEFAULT_SHUTDOWN_TIMEOUT).join();
    }

    private static void drain(Channel connection) {
        ConnectionState state = ConnectionState.of(connection);
        if (state == null) {
            connection.close();
        } else {
            state.drain();
        }
    }

    private CompletableFuture<Void> closeRemaining() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        if (!connections.isEmpty()) {
            LOG.warn("Closing {} connection(s) that did not finish in time", connections.size());
        }
        connections.close().addListener(all -> closed.complete(null));
        return closed;
    }
}
