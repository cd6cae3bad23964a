package io.millrace.streams.position;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Self-contained pagination tokens (ListStreams, ListShards): a kind byte naming the operation, the issue time and a
 * few string fields, authenticated like shard iterators so a token of one kind never decodes as another.
 * Thread-safe.
 */
public final class NextTokenCodec {
    private final TokenSigner signer;

    public NextTokenCodec(byte[] secret) {
        this.signer = new TokenSigner(secret);
    }

    public String encode(byte kind, long issuedAtMs, List<String> fields) {
        List<byte[]> encoded = fields.stream().map(f -> f.getBytes(StandardCharsets.UTF_8)).toList();
        int size = 1 + 8 + 1 + encoded.stream().mapToInt(b -> 2 + b.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size).put(kind).putLong(issuedAtMs).put((byte) fields.size());
        encoded.forEach(bytes -> ShardIteratorCodec.putString(buffer, bytes));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign(buffer.array()));
    }

    /** The token's content when it is genuine and of {@code kind}, else empty. */
    public Optional<NextToken> decode(byte kind, String token) {
        byte[] payload;
        try {
            payload = signer.verify(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload == null || payload[0] != kind || kind == ShardIteratorCodec.VERSION) {
            return Optional.empty();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(payload, 1, payload.length - 1);
            long issuedAtMs = buffer.getLong();
            int count = Byte.toUnsignedInt(buffer.get());
            List<String> fields = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                fields.add(ShardIteratorCodec.getString(buffer));
            }
            return Optional.of(new NextToken(issuedAtMs, List.copyOf(fields)));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
