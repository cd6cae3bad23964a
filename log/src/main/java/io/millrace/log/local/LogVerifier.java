package io.millrace.log.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code millrace log verify DIR}: checks every segment and index file of a data directory offline, without
 * changing anything, and reports what a restart would repair and what it could not.
 *
 * <p>Thread safety: stateless; run it on a directory no server is writing to (a live directory may show a
 * newest segment mid-write as a torn tail).
 */
public final class LogVerifier {

    /** How bad a finding is. */
    public enum Severity {
        /** Data is damaged or missing in a way no restart repairs: a sealed segment, a gap between segments. */
        CORRUPT,
        /** What a crash leaves, repaired on the next open: a torn newest segment, an untrusted index. */
        REPAIRED_ON_OPEN
    }

    /** One problem in one file. */
    public record Finding(Severity severity, Path file, String message) {
    }

    /** The result: totals over valid data and every finding. */
    public record Report(int shards, int segments, long records, long bytes, List<Finding> findings) {

        /** True when nothing is {@link Severity#CORRUPT}. */
        public boolean isHealthy() {
            return findings.stream().noneMatch(f -> f.severity() == Severity.CORRUPT);
        }
    }

    private LogVerifier() {
    }

    /** Verifies every shard log under {@code dataDir/streams}. */
    public static Report verify(Path dataDir) throws IOException {
        List<Finding> findings = new ArrayList<>();
        int shards = 0;
        int segments = 0;
        long records = 0;
        long bytes = 0;
        for (Path shardDir : shardDirectories(dataDir)) {
            shards++;
            List<Path> files = segmentFiles(shardDir);
            long expectedBase = -1;
            for (int i = 0; i < files.size(); i++) {
                SegmentInspection inspection = SegmentInspection.inspect(files.get(i), null);
                boolean isNewest = i == files.size() - 1;
                check(inspection, isNewest, expectedBase, findings);
                segments++;
                records += inspection.records();
                bytes += inspection.validBytes();
                // After damage the true end is unknown; one finding per damaged segment, not a cascade of gaps.
                expectedBase = inspection.isWhole() ? inspection.endPosition() : -1;
            }
        }
        return new Report(shards, segments, records, bytes, List.copyOf(findings));
    }

    private static void check(SegmentInspection inspection, boolean isNewest, long expectedBase,
                              List<Finding> findings) {
        Path file = inspection.file();
        if (expectedBase >= 0 && inspection.basePosition() != expectedBase) {
            findings.add(new Finding(Severity.CORRUPT, file, "starts at position " + inspection.basePosition()
                    + " but the previous segment ends at " + expectedBase));
        }
        if (!inspection.isWhole()) {
            Severity severity = isNewest && inspection.validBytes() > 0 ? Severity.REPAIRED_ON_OPEN
                    : Severity.CORRUPT;
            String action = severity == Severity.CORRUPT ? "" : "; the next open truncates it to "
                    + inspection.validBytes() + " bytes";
            findings.add(new Finding(severity, file, inspection.problem() + action));
            return; // its index cannot agree with a damaged segment; that is the same finding
        }
        switch (inspection.index()) {
            case INVALID -> findings.add(new Finding(Severity.REPAIRED_ON_OPEN, IndexFile.pathFor(file,
                    inspection.basePosition()), "index file is damaged or disagrees with its segment; "
                    + "it is ignored and rebuilt on open"));
            case PREFIX -> {
                if (!isNewest) {
                    findings.add(new Finding(Severity.REPAIRED_ON_OPEN, IndexFile.pathFor(file,
                            inspection.basePosition()), "index file covers only part of a sealed segment; "
                            + "it is rebuilt on open"));
                }
            }
            case VALID, MISSING -> {
                // MISSING is normal after a crash (the newest segment's index is written on clean close)
            }
        }
    }

    /** {@code dataDir/streams/<stream>/<12-digit shard>} directories, sorted. */
    static List<Path> shardDirectories(Path dataDir) throws IOException {
        Path streams = dataDir.resolve("streams");
        if (!Files.isDirectory(dataDir)) {
            throw new java.nio.file.NoSuchFileException(dataDir.toString(), null, "not a directory");
        }
        if (!Files.isDirectory(streams)) {
            return List.of();
        }
        List<Path> shardDirs = new ArrayList<>();
        try (Stream<Path> streamDirs = Files.list(streams)) {
            for (Path streamDir : streamDirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> shards = Files.list(streamDir)) {
                    shards.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{12}"))
                            .sorted().forEach(shardDirs::add);
                }
            }
        }
        return shardDirs;
    }

    /** The segment files of a shard directory in position order. */
    static List<Path> segmentFiles(Path shardDir) throws IOException {
        try (Stream<Path> files = Files.list(shardDir)) {
            return files.filter(p -> SegmentDescriptor.parseFileName(p.getFileName().toString()) >= 0)
                    .sorted().toList();
        }
    }
}
