package io.millrace.server.http;

import java.util.concurrent.Flow;

/** A body publisher the test drives: it counts demand and emits only what was requested. Not thread-safe. */
final class ChunkSource implements Flow.Publisher<byte[]>, Flow.Subscription {
    private Flow.Subscriber<? super byte[]> subscriber;
    long requested;
    long emitted;
    boolean isCancelled;

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> s) {
        subscriber = s;
        s.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        requested += n;
    }

    @Override
    public void cancel() {
        isCancelled = true;
    }

    /** Emits chunks of {@code size} bytes while there is demand; returns how many it emitted. */
    int emitWhileDemanded(int size, int max) {
        int count = 0;
        while (emitted < requested && count < max) {
            emitted++;
            count++;
            subscriber.onNext(new byte[size]);
        }
        return count;
    }

    void emit(byte[] chunk) {
        emitted++;
        subscriber.onNext(chunk);
    }

    void complete() {
        subscriber.onComplete();
    }
}
