/**
 * Master keys for encryption at rest. Start with {@link io.millrace.log.crypto.KeyRing} (the key ring file format
 * and how unknown key ids are provisioned); the local log's {@code BatchCipher} derives data keys from it.
 */
package io.millrace.log.crypto;
