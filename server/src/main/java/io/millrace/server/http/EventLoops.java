package io.millrace.server.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The acceptor and I/O event-loop groups: native epoll on Linux when it loads, NIO otherwise.
 * Thread-safe; owns its threads until {@link #shutdown()}.
 */
record EventLoops(EventLoopGroup acceptor, EventLoopGroup io, Class<? extends ServerChannel> serverChannelType) {

    static EventLoops create(int ioThreads) {
        if (Epoll.isAvailable()) {
            return new EventLoops(new EpollEventLoopGroup(1), new EpollEventLoopGroup(ioThreads),
                    EpollServerSocketChannel.class);
        }
        return new EventLoops(new NioEventLoopGroup(1), new NioEventLoopGroup(ioThreads),
                NioServerSocketChannel.class);
    }

    boolean isNative() {
        return serverChannelType == EpollServerSocketChannel.class;
    }

    /** Stops both groups at once; connections should be closed by then, so no quiet period is needed. */
    CompletableFuture<Void> shutdown() {
        return CompletableFuture.allOf(toCompletable(acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS)),
                toCompletable(io.shutdownGracefully(0, 0, TimeUnit.SECONDS)));
    }

    private static CompletableFuture<Void> toCompletable(Future<?> future) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        future.addListener(f -> done.complete(null));
        return done;
    }
}
