package io.millrace.firehose.processing;

import io.millrace.firehose.model.Processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The {@code Decompression} processor: gunzips every record, as CloudWatch Logs subscription filters send their data
 * gzip-compressed (FIREHOSE-REFERENCE §5). {@code CompressionFormat} must be {@code GZIP}, the only format AWS offers
 * (and the CDK's default when the parameter is left out). A record that is not gzip data goes, unchanged, to the
 * {@code decompression-failed} error output, as the developer guide's "Troubleshoot decompression" page describes;
 * the other records go on. Decompressed records larger than {@link #MAX_DECOMPRESSED_BYTES} fail the same way, so a
 * small record cannot inflate without bound. Immutable and thread-safe.
 */
final class Decompression implements RecordProcessor {
    static final String TYPE = "Decompression";
    static final String ERROR_CODE = "Decompression.Failed"; // [UNVERIFIED] AWS's code is not documented
    /** Millrace's own bound on one decompressed record. */
    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
    private static final String GZIP = "GZIP";

    private Decompression() {
    }

    static Decompression of(Processor processor) {
        ProcessorParameters parameters = ProcessorParameters.of(processor, Set.of("CompressionFormat"));
        String format = parameters.optional("CompressionFormat", GZIP);
        if (!GZIP.equals(format)) {
            // [UNVERIFIED] own wording.
            throw new IllegalArgumentException("CompressionFormat of the Decompression processor must be GZIP, not '"
                    + format + "'.");
        }
        return new Decompression();
    }

    @Override
    public ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context) {
        return ProcessingResult.ofEach(records, context, ERROR_CODE, FailedRecord.DECOMPRESSION_FAILED, record -> {
            try {
                return List.of(record.withData(gunzip(record.data())));
            } catch (IOException e) {
                throw new IllegalArgumentException("The record could not be decompressed as GZIP: " + e.getMessage(),
                        e);
            }
        });
    }

    /** The data of every gzip member in {@code data}, concatenated. */
    static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, data.length * 4));
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                if (out.size() + read > MAX_DECOMPRESSED_BYTES) {
                    throw new IOException("it decompresses to more than " + MAX_DECOMPRESSED_BYTES + " bytes");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }
}
