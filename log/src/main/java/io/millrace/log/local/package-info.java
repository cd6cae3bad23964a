/**
 * The durable local storage backend. Start at {@link io.millrace.log.local.LocalLogStore#open}; the on-disk
 * formats are specified in {@code SegmentDescriptor}, {@code BatchDescriptor} and {@code MetadataFileDescriptor};
 * group commit lives in {@code GroupCommitter} and {@code FlushPolicy}; recovery in {@code LogRecovery}.
 * See {@code docs/design/local-log.md}.
 */
package io.millrace.log.local;
