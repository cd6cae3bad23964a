package io.millrace.log.local;

import io.millrace.log.StorageException;
import io.millrace.log.crypto.KeyRing;
import io.millrace.log.crypto.MasterKey;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encrypts and decrypts the records of one {@link BatchDescriptor} batch in place, with AES-256-GCM.
 *
 * <p>Keys: each master key version of the {@link KeyRing} yields one data key,
 * {@code HMAC-SHA256(master, "millrace data key v1" || 0 || key id)}, cached here and never stored. Each batch
 * gets its own key, {@code HMAC-SHA256(data key, salt)} with 16 random bytes of salt stored in the batch, and is
 * sealed under it with an all-zero nonce. A key used once needs no nonce bookkeeping, and a random salt per batch
 * removes the 2^32-messages bound that random 96-bit nonces put on one AES-GCM key (a log appends far more batches
 * than that over the life of a key).
 *
 * <p>Thread safety: thread-safe; the JCE objects are per thread.
 */
final class BatchCipher {
    private static final byte[] DATA_KEY_LABEL = "millrace data key v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final GCMParameterSpec ZERO_NONCE = new GCMParameterSpec(BatchDescriptor.TAG_LENGTH * 8,
            new byte[12]);
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> jce(() ->
            Cipher.getInstance("AES/GCM/NoPadding")));
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> jce(() -> Mac.getInstance("HmacSHA256")));
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private record Version(long keyRef, int version) {
    }

    private final KeyRing keys;
    private final Map<Version, byte[]> dataKeys = new ConcurrentHashMap<>();

    BatchCipher(KeyRing keys) {
        this.keys = keys;
    }

    KeyRing keys() {
        return keys;
    }

    /**
     * Fills in the encryption header of the batch in {@code batch} (array-backed, starting at index 0, its fixed
     * header written) and encrypts its {@code plaintextLength} record bytes at
     * {@link BatchDescriptor#ENCRYPTED_HEADER_LENGTH} in place, appending the tag.
     */
    void seal(ByteBuffer batch, MasterKey key, int plaintextLength) {
        byte[] salt = new byte[BatchDescriptor.SALT_LENGTH];
        RANDOM.get().nextBytes(salt);
        batch.putLong(BatchDescriptor.KEY_REF_OFFSET, key.keyRef())
                .putInt(BatchDescriptor.KEY_VERSION_OFFSET, key.version())
                .putInt(BatchDescriptor.KEY_VERSION_OFFSET + 4, 0)
                .put(BatchDescriptor.SALT_OFFSET, salt);
        byte[] array = batch.array();
        try {
            Cipher cipher = init(Cipher.ENCRYPT_MODE, key, salt, array);
            cipher.doFinal(array, BatchDescriptor.ENCRYPTED_HEADER_LENGTH, plaintextLength, array,
                    BatchDescriptor.ENCRYPTED_HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts the records of the encrypted batch of {@code length} bytes in {@code batch} (array-backed, starting at
     * index 0) in place: the plaintext then starts at {@link BatchDescriptor#ENCRYPTED_HEADER_LENGTH}. Returns the
     * id of the key it was encrypted with.
     *
     * @throws StorageException {@code KEY_UNAVAILABLE} when the key ring lacks its key version, {@code CORRUPT} when
     *                          it fails authentication (damaged, or different key material under that version)
     */
    String open(ByteBuffer batch, int length, String where) {
        MasterKey key = keys.find(batch.getLong(BatchDescriptor.KEY_REF_OFFSET),
                batch.getInt(BatchDescriptor.KEY_VERSION_OFFSET));
        byte[] salt = new byte[BatchDescriptor.SALT_LENGTH];
        batch.get(BatchDescriptor.SALT_OFFSET, salt);
        byte[] array = batch.array();
        try {
            Cipher cipher = init(Cipher.DECRYPT_MODE, key, salt, array);
            cipher.doFinal(array, BatchDescriptor.ENCRYPTED_HEADER_LENGTH,
                    length - BatchDescriptor.ENCRYPTED_HEADER_LENGTH, array, BatchDescriptor.ENCRYPTED_HEADER_LENGTH);
        } catch (AEADBadTagException e) {
            throw StorageFaults.corrupt(where + " fails authentication: it is damaged, or the key ring holds other "
                    + "material for " + key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
        return key.keyId();
    }

    private Cipher init(int mode, MasterKey key, byte[] salt, byte[] header) throws GeneralSecurityException {
        Mac mac = MACS.get();
        mac.init(new SecretKeySpec(dataKey(key), "HmacSHA256"));
        byte[] batchKey = mac.doFinal(salt);
        Cipher cipher = CIPHERS.get();
        cipher.init(mode, new SecretKeySpec(batchKey, "AES"), ZERO_NONCE);
        cipher.updateAAD(header, BatchDescriptor.CRC_COVERAGE_OFFSET,
                BatchDescriptor.ENCRYPTED_HEADER_LENGTH - BatchDescriptor.CRC_COVERAGE_OFFSET);
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
