package io.millrace.streams.position;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns {@link ShardIterator}s into opaque, authenticated strings of at most 512 characters and back. Tokens are
 * self-contained (no server-side state) and signed with the engine's iterator secret, so a forged or damaged one
 * decodes to empty. Thread-safe.
 *
 * <p>Layout before base64: version byte {@value #VERSION}, issuedAtMs (8), streamCreationMs (8), shardIndex (4),
 * position (8), then account, region and stream name as length-prefixed UTF-8, then a 16-byte tag.
 */
public final class ShardIteratorCodec {
    static final byte VERSION = 1;
    private static final int MAX_CHARS = 512;

    private final TokenSigner signer;

    public ShardIteratorCodec(byte[] secret) {
        this.signer = new TokenSigner(secret);
    }

    public String encode(ShardIterator iterator) {
        byte[] account = iterator.accountId().getBytes(StandardCharsets.UTF_8);
        byte[] region = iterator.region().getBytes(StandardCharsets.UTF_8);
        byte[] name = iterator.streamName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + 28 + 3 * 2 + account.length + region.length + name.length);
        buffer.put(VERSION).putLong(iterator.issuedAtMs()).putLong(iterator.streamCreationMs())
                .putInt(iterator.shardIndex()).putLong(iterator.position());
        putString(buffer, account);
        putString(buffer, region);
        putString(buffer, name);
        String token = Base64.getEncoder().encodeToString(signer.sign(buffer.array()));
        if (token.length() > MAX_CHARS) {
            throw new IllegalArgumentException("iterator: " + token.length() + " chars (expected: <= 512)");
        }
        return token;
    }

    /** The iterator {@code token} carries, or empty when it is malformed or was not signed with our secret. */
    public Optional<ShardIterator> decode(String token) {
        if (token == null || token.length() > MAX_CHARS) {
            return Optional.empty();
        }
        byte[] payload;
        try {
            payload = signer.verify(Base64.getDecoder().decode(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload == null || payload[0] != VERSION) {
            return Optional.empty();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(payload, 1, payload.length - 1);
            long issuedAtMs = buffer.getLong();
            long creationMs = buffer.getLong();
            int shardIndex = buffer.getInt();
            long position = buffer.getLong();
            String account = getString(buffer);
            String region = getString(buffer);
            String name = getString(buffer);
            return Optional.of(new ShardIterator(account, region, name, creationMs, shardIndex, position, issuedAtMs));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty(); // a genuine tag over a payload we cannot parse: treat as malformed
        }
    }

    static void putString(ByteBuffer buffer, byte[] utf8) {
        buffer.putShort((short) utf8.length).put(utf8);
    }

    static String getString(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
