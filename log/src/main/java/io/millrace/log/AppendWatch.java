package io.millrace.log;

/**
 * A registration made by {@link ShardLog#watchAppends}: closing it stops the calls. Closing twice is harmless.
 *
 * <p>Thread safety: may be closed from any thread.
 */
@FunctionalInterface
public interface AppendWatch extends AutoCloseable {

    /** A watch that never calls: for logs whose only writer is this process. */
    AppendWatch NONE = () -> { };

    @Override
    void close();
}
