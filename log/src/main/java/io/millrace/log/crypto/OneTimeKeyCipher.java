package io.millrace.log.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AES-256-GCM under one-time keys, the scheme every store uses to encrypt at rest (the local log per batch, the
 * Kafka log per record).
 *
 * <p>Keys: each master key version of the {@link KeyRing} yields one data key,
 * {@code HMAC-SHA256(master, "millrace data key v1" || 0 || key id)}, cached here and never stored. Each sealed
 * message gets its own key, {@code HMAC-SHA256(data key, salt)} with {@link #SALT_LENGTH} random bytes of salt stored
 * beside it, and is sealed under it with an all-zero nonce. A key used once needs no nonce bookkeeping, and a random
 * salt per message removes the 2^32-messages bound that random 96-bit nonces put on one AES-GCM key (a log seals far
 * more messages than that over the life of a key).
 *
 * <p>Thread safety: thread-safe; the JCE objects are per thread.
 */
public final class OneTimeKeyCipher {
    public static final int SALT_LENGTH = 16;
    public static final int TAG_LENGTH = 16;
    private static final byte[] DATA_KEY_LABEL = "millrace data key v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final GCMParameterSpec ZERO_NONCE = new GCMParameterSpec(TAG_LENGTH * 8, new byte[12]);
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> jce(() ->
            Cipher.getInstance("AES/GCM/NoPadding")));
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> jce(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private record Version(long keyRef, int version) {
    }

    private final KeyRing keys;
    private final Map<Version, byte[]> dataKeys = new ConcurrentHashMap<>();

    public OneTimeKeyCipher(KeyRing keys) {
        this.keys = keys;
    }

    public KeyRing keys() {
        return keys;
    }

    /** Fresh random salt for one message. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.get().nextBytes(salt);
        return salt;
    }

    /**
     * This thread's cipher, initialised for {@code mode} ({@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE})
     * under the one-time key of {@code key} and {@code salt}; the caller adds its associated data and finishes it.
     */
    public Cipher init(int mode, MasterKey key, byte[] salt) throws GeneralSecurityException {
        Mac mac = MACS.get();
        mac.init(new SecretKeySpec(dataKey(key), "HmacSHA256"));
        byte[] messageKey = mac.doFinal(salt);
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, new SecretKeySpec(messageKey, "AES"), ZERO_NONCE);
        return cipher;
    }

    private byte[] dataKey(MasterKey key) {
        return dataKeys.computeIfAbsent(new Version(key.keyRef(), key.version()), v -> jce(() -> {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.material(), "HmacSHA256"));
            mac.update(DATA_KEY_LABEL);
            return mac.doFinal(key.keyId().getBytes(StandardCharsets.UTF_8));
        }));
    }

    private interface JceSupplier<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T jce(JceSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-GCM or HMAC-SHA256", e);
        }
    }
}
