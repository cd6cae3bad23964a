package io.millrace.streams.op;

import io.millrace.streams.model.EncryptionType;
import io.millrace.streams.model.PutRecordsResultEntry;

import java.util.List;

/** Output of PutRecords; {@code failedRecordCount} is always present, also when 0. */
public record PutRecordsResponse(Integer failedRecordCount, List<PutRecordsResultEntry> records,
        EncryptionType encryptionType) {
}
