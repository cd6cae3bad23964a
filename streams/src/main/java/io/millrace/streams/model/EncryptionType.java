package io.millrace.streams.model;

/** Server-side encryption of a stream (model shape {@code EncryptionType}). */
public enum EncryptionType {
    NONE, KMS
}
