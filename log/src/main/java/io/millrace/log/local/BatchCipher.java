package io.millrace.log.local;

import io.millrace.log.StorageException;
import io.millrace.log.crypto.KeyRing;
import io.millrace.log.crypto.MasterKey;
import io.millrace.log.crypto.OneTimeKeyCipher;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * Encrypts and decrypts the records of one {@link BatchDescriptor} batch in place, with AES-256-GCM under a one-time
 * key per batch ({@link OneTimeKeyCipher}: derived from the key ring's master key version and a random salt stored
 * in the batch header); the header from the CRC's coverage on is the associated data.
 *
 * <p>Thread safety: thread-safe.
 */
final class BatchCipher {
    private final OneTimeKeyCipher cipher;

    BatchCipher(KeyRing keys) {
        this.cipher = new OneTimeKeyCipher(keys);
    }

    KeyRing keys() {
        return cipher.keys();
    }

    /**
     * Fills in the encryption header of the batch in {@code batch} (array-backed, starting at index 0, its fixed
     * header written) and encrypts its {@code plaintextLength} record bytes at
     * {@link BatchDescriptor#ENCRYPTED_HEADER_LENGTH} in place, appending the tag.
     */
    void seal(ByteBuffer batch, MasterKey key, int plaintextLength) {
        byte[] salt = OneTimeKeyCipher.newSalt();
        batch.putLong(BatchDescriptor.KEY_REF_OFFSET, key.keyRef())
                .putInt(BatchDescriptor.KEY_VERSION_OFFSET, key.version())
                .putInt(BatchDescriptor.KEY_VERSION_OFFSET + 4, 0)
                .put(BatchDescriptor.SALT_OFFSET, salt);
        byte[] array = batch.array();
        try {
            Cipher sealing = init(Cipher.ENCRYPT_MODE, key, salt, array);
            sealing.doFinal(array, BatchDescriptor.ENCRYPTED_HEADER_LENGTH, plaintextLength, array,
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
        MasterKey key = keys().find(batch.getLong(BatchDescriptor.KEY_REF_OFFSET),
                batch.getInt(BatchDescriptor.KEY_VERSION_OFFSET));
        byte[] salt = new byte[BatchDescriptor.SALT_LENGTH];
        batch.get(BatchDescriptor.SALT_OFFSET, salt);
        byte[] array = batch.array();
        try {
            Cipher opening = init(Cipher.DECRYPT_MODE, key, salt, array);
            opening.doFinal(array, BatchDescriptor.ENCRYPTED_HEADER_LENGTH,
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
        Cipher initialised = cipher.init(mode, key, salt);
        initialised.updateAAD(header, BatchDescriptor.CRC_COVERAGE_OFFSET,
                BatchDescriptor.ENCRYPTED_HEADER_LENGTH - BatchDescriptor.CRC_COVERAGE_OFFSET);
        return initialised;
    }
}
