package io.millrace.log.local;

import io.millrace.log.crypto.KeyRing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code millrace log dump DIR}: describes a data directory offline, one line per segment (positions, bytes,
 * batches, arrival times, index state) and optionally one per batch. Read-only.
 *
 * <p>Thread safety: stateless.
 */
public final class LogDumper {

    private LogDumper() {
    }

    /**
     * Writes the description of every shard log under {@code dataDir} to {@code out} and returns the
     * inspections it is based on.
     */
    public static List<SegmentInspection> dump(Path dataDir, boolean withBatches, PrintWriter out)
            throws IOException {
        return dump(dataDir, withBatches, null, out);
    }

    /**
     * As {@link #dump(Path, boolean, PrintWriter)}; encrypted batches are shown as such, with their key id when
     * {@code keyRing} (may be null) has it, else with the key's 64-bit reference. Record contents are never printed.
     */
    public static List<SegmentInspection> dump(Path dataDir, boolean withBatches, KeyRing keyRing, PrintWriter out)
            throws IOException {
        List<SegmentInspection> inspections = new ArrayList<>();
        for (Path shardDir : LogVerifier.shardDirectories(dataDir)) {
            out.printf("shard %s/%s%n", shardDir.getParent().getFileName(), shardDir.getFileName());
            for (Path file : LogVerifier.segmentFiles(shardDir)) {
                SegmentInspection inspection = SegmentInspection.inspect(file, withBatches
                        ? batch -> out.printf("    batch @%d: %d bytes, positions %d..%d, arrived %s%s%n",
                        batch.fileOffset(), batch.lengthBytes(), batch.basePosition(),
                        batch.basePosition() + batch.recordCount() - 1, time(batch.arrivalMs()),
                        encryption(batch, keyRing))
                        : null);
                out.printf("  segment %s: positions [%d, %d), %d records in %d batches, %d bytes, arrivals %s .. %s,"
                                + " index %s%s%n", file.getFileName(), inspection.basePosition(),
                        inspection.endPosition(), inspection.records(), inspection.batches(), inspection.fileBytes(),
                        time(inspection.firstArrivalMs()), time(inspection.lastArrivalMs()), inspection.index(),
                        inspection.isWhole() ? "" : ", DAMAGED: " + inspection.problem());
                inspections.add(inspection);
            }
        }
        out.flush();
        return inspections;
    }

    private static String encryption(SegmentInspection.Batch batch, KeyRing keyRing) {
        if (!batch.isEncrypted()) {
            return "";
        }
        String id = keyRing == null ? null : keyRing.idOf(batch.keyRef());
        return String.format(", encrypted with key %s version %d", id != null ? id
                : String.format("ref %016x%s", batch.keyRef(), keyRing == null ? "" : " (not in the key ring)"),
                batch.keyVersion());
    }

    private static String time(long epochMs) {
        return epochMs < 0 ? "-" : Instant.ofEpochMilli(epochMs).toString();
    }
}
