package io.millrace.log.local;

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
        List<SegmentInspection> inspections = new ArrayList<>();
        for (Path shardDir : LogVerifier.shardDirectories(dataDir)) {
            out.printf("shard %s/%s%n", shardDir.getParent().getFileName(), shardDir.getFileName());
            for (Path file : LogVerifier.segmentFiles(shardDir)) {
                SegmentInspection inspection = SegmentInspection.inspect(file, withBatches
                        ? batch -> out.printf("    batch @%d: %d bytes, positions %d..%d, arrived %s%n",
                        batch.fileOffset(), batch.lengthBytes(), batch.basePosition(),
                        batch.basePosition() + batch.recordCount() - 1, time(batch.arrivalMs()))
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

    private static String time(long epochMs) {
        return epochMs < 0 ? "-" : Instant.ofEpochMilli(epochMs).toString();
    }
}
