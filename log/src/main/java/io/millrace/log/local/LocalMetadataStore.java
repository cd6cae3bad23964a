package io.millrace.log.local;

import io.millrace.log.MetadataStore;
import io.millrace.log.StorageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link MetadataStore} keeping one file per key in a directory. A put writes a temp file, forces it, renames
 * it over the old file atomically and forces the directory, so a put that returns survives a crash and a crash
 * mid-put leaves the old value. Keys map to file names by escaping every byte outside {@code [A-Za-z0-9_-]} as
 * {@code %XX} (so names never start with a dot and decode back to the key).
 *
 * <p>Thread safety: all methods synchronise on the store; metadata changes are rare and small.
 */
public final class LocalMetadataStore implements MetadataStore {
    private static final String SUFFIX = ".meta";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int MAX_FILE_NAME_LENGTH = 240;

    private final Path dir;
    private boolean closed;

    private LocalMetadataStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating if needed) the store in {@code dir}, removing temp files of interrupted puts. */
    public static LocalMetadataStore open(Path dir) {
        try {
            DurableFiles.createDirectories(dir);
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            }
            return new LocalMetadataStore(dir);
        } catch (IOException e) {
            throw StorageFaults.from("open metadata store " + dir, e);
        }
    }

    @Override
    public synchronized Map<String, byte[]> loadAll() {
        ensureOpen();
        Map<String, byte[]> entries = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                byte[] value = MetadataFileDescriptor.decode(Files.readAllBytes(file));
                if (value == null) {
                    throw StorageFaults.corrupt("metadata file " + name + " is damaged");
                }
                entries.put(decodeKey(name.substring(0, name.length() - SUFFIX.length())), value);
            }
        } catch (IOException e) {
            throw StorageFaults.from("load metadata from " + dir, e);
        }
        return entries;
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        ensureOpen();
        Path target = dir.resolve(encodeKey(key) + SUFFIX);
        Path temp = dir.resolve(target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer file = MetadataFileDescriptor.encode(value);
                while (file.hasRemaining()) {
                    channel.write(file);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw StorageFaults.from("put metadata " + key, e);
        }
    }

    @Override
    public synchronized void remove(String key) {
        ensureOpen();
        try {
            if (Files.deleteIfExists(dir.resolve(encodeKey(key) + SUFFIX))) {
                DurableFiles.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            throw StorageFaults.from("remove metadata " + key, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "metadata store is closed", null);
        }
    }

    static String encodeKey(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            if (isPlain(b)) {
                name.append((char) b);
            } else {
                name.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        if (name.length() == 0 || name.length() + SUFFIX.length() + TEMP_SUFFIX.length() > MAX_FILE_NAME_LENGTH) {
            throw new IllegalArgumentException("key: " + key + " (expected: 1 to about 200 bytes when escaped)");
        }
        return name.toString();
    }

    static String decodeKey(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                bytes.write(Integer.parseInt(name, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isPlain(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '-';
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale temp file is ignored by loadAll and removed on the next open
        }
    }
}
