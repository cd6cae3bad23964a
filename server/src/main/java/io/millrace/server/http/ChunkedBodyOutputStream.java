package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.io.OutputStream;

/**
 * Collects an answer's body in pooled direct chunks of {@value #CHUNK_BYTES} bytes, joined as one composite buffer
 * that the transport writes with a gathering write. Compared with encoding into a heap array, nothing is copied when
 * the body outgrows its buffer, no 10 MiB array lands on a 128 MiB heap per GetRecords answer, and the socket write
 * needs no heap-to-direct copy.
 *
 * <p>{@link #body()} hands the buffer over; until then {@link #discard()} releases it. Not thread-safe: one writer.
 */
public final class ChunkedBodyOutputStream extends OutputStream {
    static final int CHUNK_BYTES = 64 * 1024;

    private final ByteBufAllocator allocator;
    private final CompositeByteBuf body;
    private ByteBuf current;

    public ChunkedBodyOutputStream(ByteBufAllocator allocator) {
        this.allocator = allocator;
        this.body = allocator.compositeDirectBuffer(Integer.MAX_VALUE); // never consolidate: that would copy
    }

    @Override
    public void write(int b) {
        room().writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int written = 0;
        while (written < length) {
            ByteBuf chunk = room();
            int n = Math.min(length - written, chunk.writableBytes());
            chunk.writeBytes(bytes, offset + written, n);
            written += n;
        }
    }

    /** The chunk to write into; a full one joins the body first (a component's length is fixed when added). */
    private ByteBuf room() {
        if (current != null && !current.isWritable()) {
            body.addComponent(true, current);
            current = null;
        }
        if (current == null) {
            current = allocator.directBuffer(CHUNK_BYTES, CHUNK_BYTES);
        }
        return current;
    }

    /** The body written so far; the caller owns it from now on and must release it. */
    public ByteBuf body() {
        if (current != null) {
            body.addComponent(true, current);
            current = null;
        }
        return body;
    }

    /** Releases the chunks of a body that will not be sent (the encoder failed). */
    public void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
        body.release();
    }
}
