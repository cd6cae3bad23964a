package io.millrace.log.crypto;

/**
 * One version of a master key from a {@link KeyRing}: 256 bits of key material under a key id. Stores derive
 * their data keys from it and never write it anywhere. {@link #toString()} never shows the material.
 *
 * @param keyId    the key's id (the first name on its key ring line)
 * @param keyRef   the 64-bit reference batches store instead of the id ({@link KeyRing#refOf})
 * @param version  1 and up; the newest version encrypts new data, older ones stay for reading
 * @param material the 32 key bytes; callers must not modify them
 */
public record MasterKey(String keyId, long keyRef, int version, byte[] material) {

    @Override
    public String toString() {
        return "MasterKey[" + keyId + " v" + version + "]";
    }
}
