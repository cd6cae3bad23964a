package io.millrace.log.local;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index lookups agree with a linear search over the same entries, before and after a round trip through an
 * index file.
 */
class SparseIndexTest {

    /** Batches as (record count, length, arrival step) triples laid out one after another. */
    private static List<SparseIndex.Entry> layOut(List<Integer> counts, List<Integer> lengths, List<Integer> steps,
                                                  long base, SparseIndex index) {
        List<SparseIndex.Entry> all = new ArrayList<>();
        long position = base;
        long offset = SegmentDescriptor.HEADER_LENGTH;
        long arrivalMs = 1_000;
        int n = Math.min(counts.size(), Math.min(lengths.size(), steps.size()));
        for (int i = 0; i < n; i++) {
            arrivalMs += steps.get(i);
            index.onBatch(position, offset, arrivalMs);
            all.add(new SparseIndex.Entry(position, offset, arrivalMs));
            position += counts.get(i);
            offset += lengths.get(i);
        }
        return all;
    }

    @Property(tries = 200)
    void lookupsMatchALinearSearchOverTheIndexedEntries(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 20) Integer> counts,
            @ForAll @Size(max = 60) List<@IntRange(min = 40, max = 3000) Integer> lengths,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 5) Integer> steps,
            @ForAll @IntRange(min = 1, max = 4096) int intervalBytes,
            @ForAll @IntRange(min = 0, max = 1_000) int probe) throws IOException {
        long base = 500;
        SparseIndex index = new SparseIndex(intervalBytes);
        layOut(counts, lengths, steps, base, index);
        List<SparseIndex.Entry> entries = index.entries();
        assertLookupsAgree(index, entries, base + probe, 1_000 + probe / 4);

        Path file = Files.createTempFile("index", IndexFileDescriptor.FILE_SUFFIX);
        try {
            long end = entries.isEmpty() ? base : entries.get(entries.size() - 1).position() + 1;
            long size = entries.isEmpty() ? SegmentDescriptor.HEADER_LENGTH
                    : entries.get(entries.size() - 1).fileOffset() + 40;
            IndexFile.write(file, base, size, end, 7, entries);
            IndexFile.Checkpoint checkpoint = IndexFile.read(file, base, size, intervalBytes);
            assertThat(checkpoint).isNotNull();
            assertThat(checkpoint.index().entries()).isEqualTo(entries);
            assertThat(checkpoint.endPosition()).isEqualTo(end);
            assertThat(checkpoint.segmentBytes()).isEqualTo(size);
            assertThat(IndexFile.read(file, base + 1, size, intervalBytes)).as("another segment's").isNull();
            assertThat(IndexFile.read(file, base, size - 1, intervalBytes)).as("longer than its segment").isNull();
            assertLookupsAgree(checkpoint.index(), entries, base + probe, 1_000 + probe / 4);
        } finally {
            Files.delete(file);
        }
    }

    private static void assertLookupsAgree(SparseIndex index, List<SparseIndex.Entry> entries, long position,
                                           long timestampMs) {
        SparseIndex.Entry floor = null;
        SparseIndex.Entry before = null;
        for (SparseIndex.Entry entry : entries) {
            if (entry.position() <= position) {
                floor = entry;
            }
            if (entry.arrivalMs() < timestampMs) {
                before = entry;
            }
        }
        assertThat(index.floorByPosition(position)).isEqualTo(floor);
        assertThat(index.lastArrivingBefore(timestampMs)).isEqualTo(before);
    }
}
