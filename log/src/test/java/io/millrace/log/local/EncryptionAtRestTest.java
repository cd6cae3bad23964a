package io.millrace.log.local;

import io.millrace.log.LogRecord;
import io.millrace.log.ReadResult;
import io.millrace.log.ShardLog;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import io.millrace.log.crypto.KeyRing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionAtRestTest {
    private static final String KEY = "alias/orders";
    private static final LocalLogConfig CONFIG = LocalLogConfig.builder().durability(Durability.NONE).build();

    @TempDir
    Path dir;

    @Test
    void encryptedBatchesLeaveNoPlaintextOnDiskAndReadBack() throws IOException {
        Path keyring = writeKeyRing(dir.resolve("ring"), line(KEY, 1, 1));
        try (LocalLogStore store = LocalLogStore.open(dir.resolve("data"), CONFIG, KeyRing.load(keyring))) {
            ShardLog log = store.openShard("s", 0);
            log.append(List.of(record("key-secret-1", "plaintext-secret-one"),
                    record("key-secret-2", "plaintext-secret-two")), 1000, KEY);
            assertThat(read(log)).extracting(r -> text(r), StoredRecord::partitionKey, StoredRecord::encryptionKeyId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("plaintext-secret-one", "key-secret-1", KEY),
                            org.assertj.core.groups.Tuple.tuple("plaintext-secret-two", "key-secret-2", KEY));
        }
        assertThat(filesContaining(dir.resolve("data"), "secret")).isEmpty();
        try (LocalLogStore store = LocalLogStore.open(dir.resolve("data"), CONFIG, KeyRing.load(keyring))) {
            assertThat(read(store.openShard("s", 0))).extracting(EncryptionAtRestTest::text)
                    .containsExactly("plaintext-secret-one", "plaintext-secret-two");
        }
    }

    @Test
    void plaintextAndEncryptedBatchesShareALogAndSurviveRecovery() throws IOException {
        Path keyring = writeKeyRing(dir.resolve("ring"), line(KEY, 1, 1));
        Path data = dir.resolve("data");
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            ShardLog log = store.openShard("s", 0);
            log.append(List.of(record("a", "clear-before")), 1000);
            log.append(List.of(record("b", "hidden-middle")), 1001, KEY);
            log.append(List.of(record("c", "clear-after")), 1002);
        }
        // Without an index every batch is verified on open, as after a crash.
        try (Stream<Path> files = Files.list(data.resolve("streams/s/000000000000"))) {
            for (Path index : files.filter(p -> p.toString().endsWith(".index")).toList()) {
                Files.delete(index);
            }
        }
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            List<StoredRecord> records = read(store.openShard("s", 0));
            assertThat(records).extracting(EncryptionAtRestTest::text)
                    .containsExactly("clear-before", "hidden-middle", "clear-after");
            assertThat(records).extracting(StoredRecord::isEncrypted).containsExactly(false, true, false);
        }
        assertThat(filesContaining(data, "hidden")).isEmpty();
        assertThat(filesContaining(data, "clear-after")).isNotEmpty();
        assertThat(LogVerifier.verify(data).isHealthy()).isTrue();
    }

    @Test
    void dataWrittenUnderAnOlderKeyVersionReadsAfterRotation() throws IOException {
        Path data = dir.resolve("data");
        Path keyring = writeKeyRing(dir.resolve("ring"), line(KEY, 1, 1));
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            store.openShard("s", 0).append(List.of(record("a", "under-version-one")), 1000, KEY);
        }
        writeKeyRing(keyring, line(KEY, 1, 1), line(KEY, 2, 2));
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            ShardLog log = store.openShard("s", 0);
            log.append(List.of(record("b", "under-version-two")), 1001, KEY);
            assertThat(read(log)).extracting(EncryptionAtRestTest::text)
                    .containsExactly("under-version-one", "under-version-two");
        }
        StringWriter dump = new StringWriter();
        LogDumper.dump(data, true, KeyRing.load(keyring), new PrintWriter(dump));
        assertThat(dump.toString()).contains("encrypted with key " + KEY + " version 1")
                .contains("encrypted with key " + KEY + " version 2");
    }

    @Test
    void aMissingKeyVersionIsATypedFaultNotGarbage() throws IOException {
        Path data = dir.resolve("data");
        Path keyring = writeKeyRing(dir.resolve("ring"), line(KEY, 1, 1), line(KEY, 2, 2));
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            store.openShard("s", 0).append(List.of(record("a", "needs-version-two")), 1000, KEY);
        }
        writeKeyRing(keyring, line(KEY, 1, 1));
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            ShardLog log = store.openShard("s", 0);
            assertThat(log.endPosition()).isEqualTo(1); // positions and recovery need no key
            assertThatThrownBy(() -> log.read(0, 10, Long.MAX_VALUE)).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.KEY_UNAVAILABLE));
        }
        StringWriter dump = new StringWriter();
        LogDumper.dump(data, true, new PrintWriter(dump));
        assertThat(dump.toString()).contains("encrypted with key ref").doesNotContain("needs-version-two");
    }

    @Test
    void otherKeyMaterialUnderTheSameVersionFailsAuthentication() throws IOException {
        Path data = dir.resolve("data");
        Path keyring = writeKeyRing(dir.resolve("ring"), line(KEY, 1, 1));
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            store.openShard("s", 0).append(List.of(record("a", "sealed")), 1000, KEY);
        }
        writeKeyRing(keyring, line(KEY, 1, 7));
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.load(keyring))) {
            assertThatThrownBy(() -> store.openShard("s", 0).read(0, 10, Long.MAX_VALUE))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CORRUPT));
        }
    }

    @Test
    void appendingWithAnUnknownKeyAppendsNothing() {
        try (LocalLogStore store = LocalLogStore.open(dir.resolve("data"), CONFIG, KeyRing.load(
                writeKeyRing(dir.resolve("ring"), line(KEY, 1, 1))))) {
            ShardLog log = store.openShard("s", 0);
            assertThatThrownBy(() -> log.append(List.of(record("a", "x")), 1000, "alias/unknown"))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.KEY_UNAVAILABLE));
            assertThat(log.endPosition()).isZero();
        }
    }

    @Test
    void withoutAKeyRingTheStoreProvisionsKeysInItsDataDirectory() throws IOException {
        Path data = dir.resolve("data");
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG)) {
            assertThat(store.keyRing().provision("alias/aws/kinesis")).isTrue();
            store.openShard("s", 0).append(List.of(record("a", "auto-keyed")), 1000, "alias/aws/kinesis");
        }
        assertThat(data.resolve(LocalLogStore.KEYRING_FILE)).exists();
        assertThat(filesContaining(data.resolve("streams"), "auto-keyed")).isEmpty();
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG)) {
            assertThat(read(store.openShard("s", 0))).extracting(EncryptionAtRestTest::text)
                    .containsExactly("auto-keyed");
        }
    }

    @Property(tries = 40)
    void encryptedBatchesRoundTrip(@ForAll("batches") List<List<String>> batches,
                                   @ForAll("encryptFlags") List<Boolean> encrypt) throws IOException {
        Path data = Files.createTempDirectory("enc-prop");
        try (LocalLogStore store = LocalLogStore.open(data, CONFIG, KeyRing.ephemeral())) {
            store.keyRing().provision(KEY);
            ShardLog log = store.openShard("s", 0);
            List<String> expected = new ArrayList<>();
            List<Boolean> expectedEncrypted = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                boolean encrypted = encrypt.get(i % encrypt.size());
                List<LogRecord> records = batches.get(i).stream().map(s -> record("k" + s.length(), s)).toList();
                log.append(records, 1000 + i, encrypted ? KEY : null);
                expected.addAll(batches.get(i));
                batches.get(i).forEach(s -> expectedEncrypted.add(encrypted));
            }
            List<StoredRecord> read = read(log);
            assertThat(read).extracting(EncryptionAtRestTest::text).containsExactlyElementsOf(expected);
            assertThat(read).extracting(StoredRecord::isEncrypted).containsExactlyElementsOf(expectedEncrypted);
        } finally {
            deleteRecursively(data);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> batches() {
        return Arbitraries.strings().ofMaxLength(300).list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Boolean>> encryptFlags() {
        return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(6);
    }

    static String line(String keyId, int version, int seed) {
        byte[] material = new byte[KeyRing.KEY_BYTES];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (seed * 31 + i);
        }
        return keyId + " " + version + " " + Base64.getEncoder().encodeToString(material);
    }

    static Path writeKeyRing(Path file, String... lines) {
        try {
            Files.writeString(file, "# test key ring\n" + String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LogRecord record(String key, String data) {
        return new LogRecord(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(StoredRecord record) {
        return new String(record.data(), StandardCharsets.UTF_8);
    }

    private static List<StoredRecord> read(ShardLog log) {
        ReadResult result = log.read(0, 1000, Long.MAX_VALUE);
        return result.records();
    }

    /** Every regular file under {@code root} whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path root, String needle) throws IOException {
        byte[] pattern = needle.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), pattern) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
