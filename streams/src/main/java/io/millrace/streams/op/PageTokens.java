package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.position.NextToken;
import io.millrace.streams.position.NextTokenCodec;

import java.time.Clock;
import java.util.List;

/**
 * Issues and checks the self-contained {@code NextToken}s of the list operations: authenticated, tied to one
 * operation by a kind byte, and expiring after the configured life. Thread-safe.
 */
final class PageTokens {
    static final byte LIST_STREAMS = 'S';
    static final byte LIST_SHARDS = 'H';
    static final byte LIST_STREAM_CONSUMERS = 'C';
    static final byte LIST_CHANNELS = 'N';

    private final NextTokenCodec codec;
    private final Clock clock;
    private final long ttlMs;

    PageTokens(NextTokenCodec codec, Clock clock, long ttlMs) {
        this.codec = codec;
        this.clock = clock;
        this.ttlMs = ttlMs;
    }

    String issue(byte kind, List<String> fields) {
        return codec.encode(kind, clock.millis(), fields);
    }

    /** The fields of a token this engine issued for {@code kind}, checking authenticity, shape and age. */
    List<String> redeem(byte kind, String token, int fieldCount) {
        NextToken decoded = codec.decode(kind, token)
                .filter(t -> t.fields().size() == fieldCount)
                // [UNVERIFIED] AWS's text for a NextToken it cannot decode.
                .orElseThrow(() -> KinesisError.INVALID_ARGUMENT.exception("Invalid NextToken."));
        long ageMs = clock.millis() - decoded.issuedAtMs();
        if (ageMs > ttlMs) {
            // [UNVERIFIED] AWS's text for an expired NextToken.
            throw KinesisError.EXPIRED_NEXT_TOKEN.exception("The NextToken has expired (issued %d ms ago, "
                    + "tokens are valid for %d ms).", ageMs, ttlMs);
        }
        return decoded.fields();
    }
}
