package io.millrace.log.crypto;

import io.millrace.log.StorageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master keys a store encrypts at rest with, by KMS key id. A key ring file is UTF-8 text, one master key
 * version per line:
 * <pre>
 * # comments and blank lines are ignored
 * &lt;key id&gt;[,&lt;other name&gt;...] &lt;version&gt; &lt;base64 of 32 bytes&gt;
 * alias/aws/kinesis 1 3q2+7w...=
 * arn:aws:kms:us-east-1:000000000000:key/1f0e...,alias/orders 1 Zm9v...=
 * arn:aws:kms:us-east-1:000000000000:key/1f0e...,alias/orders 2 YmFy...=
 * </pre>
 * The first name is the key's id: lines with the same id are versions of one key, and any of the names selects it
 * (KMS accepts a key id, key ARN, alias name or alias ARN for the same key; list the ones clients use). The newest
 * version encrypts new data; older versions must stay in the file for as long as data written under them is kept.
 * Batches name a key by a 64-bit hash of its id ({@link #refOf}), so renaming the first name orphans its data.
 *
 * <p>Two modes. A key ring {@linkplain #load loaded} from an operator's file is fixed: an unknown key id is refused
 * ({@link #provision} answers false). A key ring {@linkplain #openOrCreate kept in the data directory} (or an
 * {@linkplain #ephemeral ephemeral} one for in-memory stores) provisions: the first use of an unknown key id
 * generates a random 256-bit key for it and persists it (mode 0600, written to a temporary file, forced and
 * renamed into place) before anything is encrypted with it, so encryption works without any setup, as AWS's
 * {@code alias/aws/kinesis} does.
 *
 * <p>Thread safety: lookups are lock-free; {@link #provision} is serialised on the key ring.
 */
public final class KeyRing {
    /** Bytes of master key material: AES-256. */
    public static final int KEY_BYTES = 32;
    private static final String HEADER = """
            # Millrace key ring: one master key version per line.
            #   <key id>[,<other name>...] <version> <base64 of 32 random bytes>
            # Keep older versions for as long as data written under them is kept. Guard this file like a password.
            """;
    private static final KeyRing EMPTY = new KeyRing(null, false);

    /** One key with all its names and versions. */
    private record Key(String id, long ref, List<String> names, NavigableMap<Integer, MasterKey> versions) {
    }

    private final Path file;
    private final boolean provisions;
    private final Map<String, Key> byName = new ConcurrentHashMap<>();
    private final Map<Long, Key> byRef = new ConcurrentHashMap<>();

    private KeyRing(Path file, boolean provisions) {
        this.file = file;
        this.provisions = provisions;
    }

    /** A key ring with no key that provisions none: for backends that cannot encrypt at rest. */
    public static KeyRing empty() {
        return EMPTY;
    }

    /** A provisioning key ring kept only in memory, for stores that keep nothing on disk. */
    public static KeyRing ephemeral() {
        return new KeyRing(null, true);
    }

    /**
     * The operator's key ring file: fixed, never written.
     *
     * @throws IllegalArgumentException naming the file and line when it is malformed
     * @throws UncheckedIOException     when it cannot be read
     */
    public static KeyRing load(Path file) {
        KeyRing ring = new KeyRing(null, false);
        ring.parse(file, read(file));
        return ring;
    }

    /** The provisioning key ring persisted in {@code file}, which is created on the first provisioned key. */
    public static KeyRing openOrCreate(Path file) {
        KeyRing ring = new KeyRing(file, true);
        if (Files.exists(file)) {
            ring.parse(file, read(file));
        }
        return ring;
    }

    /** The 64-bit reference to key {@code keyId} that encrypted batches store: SHA-256 of the id, truncated. */
    public static long refOf(String keyId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether some key has {@code keyId} among its names. */
    public boolean contains(String keyId) {
        return byName.containsKey(keyId);
    }

    /**
     * Makes {@code keyId} usable: true when the key ring has it, or provisions and has now generated and persisted
     * a key for it; false when it is unknown to a fixed key ring.
     *
     * @throws StorageException {@code IO} when a provisioned key cannot be persisted (it is then not used)
     */
    public boolean provision(String keyId) {
        if (contains(keyId)) {
            return true;
        }
        if (!provisions) {
            return false;
        }
        synchronized (this) {
            if (contains(keyId)) {
                return true;
            }
            byte[] material = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(material);
            String line = keyId + " 1 " + Base64.getEncoder().encodeToString(material);
            if (file != null) {
                persist(line);
            }
            add(List.of(keyId), 1, material, "provisioned");
            return true;
        }
    }

    /**
     * The newest version of the key {@code keyId} names, which encrypts new data.
     *
     * @throws StorageException {@code KEY_UNAVAILABLE} when there is no such key
     */
    public MasterKey newest(String keyId) {
        Key key = byName.get(keyId);
        if (key == null) {
            throw new StorageException(StorageException.Kind.KEY_UNAVAILABLE, "no key " + keyId + " in the key ring",
                    null);
        }
        return key.versions().lastEntry().getValue();
    }

    /**
     * Version {@code version} of the key stored batches call {@code keyRef}.
     *
     * @throws StorageException {@code KEY_UNAVAILABLE} when the key ring lacks the key or that version
     */
    public MasterKey find(long keyRef, int version) {
        Key key = byRef.get(keyRef);
        MasterKey found = key == null ? null : key.versions().get(version);
        if (found == null) {
            throw new StorageException(StorageException.Kind.KEY_UNAVAILABLE, String.format(
                    "data was encrypted with key %s version %d, which is not in the key ring",
                    key == null ? String.format("ref %016x", keyRef) : key.id(), version), null);
        }
        return found;
    }

    /** The id of the key stored batches call {@code keyRef}, or null when the key ring lacks it. */
    public String idOf(long keyRef) {
        Key key = byRef.get(keyRef);
        return key == null ? null : key.id();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key ring " + file, e);
        }
    }

    private void parse(Path source, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "key ring " + source + " line " + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields.length != 3) {
                throw new IllegalArgumentException(where + ": expected '<key id>[,<name>...] <version> <base64 key>'");
            }
            int version;
            byte[] material;
            try {
                version = Integer.parseInt(fields[1]);
                material = Base64.getDecoder().decode(fields[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": version must be a number and the key base64", e);
            }
            if (version < 1 || material.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + ": version " + version + " (expected: >= 1), key of "
                        + material.length + " bytes (expected: " + KEY_BYTES + ")");
            }
            add(List.of(fields[0].split(",")), version, material, where);
        }
    }

    private void add(List<String> names, int version, byte[] material, String where) {
        String id = names.get(0);
        long ref = refOf(id);
        Key existing = byRef.get(ref);
        if (existing != null && !existing.id().equals(id)) {
            throw new IllegalArgumentException(where + ": key ids " + id + " and " + existing.id()
                    + " have the same reference; rename one");
        }
        NavigableMap<Integer, MasterKey> versions = new TreeMap<>(existing == null ? Map.of() : existing.versions());
        if (versions.containsKey(version)) {
            throw new IllegalArgumentException(where + ": key " + id + " version " + version + " appears twice");
        }
        versions.put(version, new MasterKey(id, ref, version, material));
        LinkedHashMap<String, Boolean> allNames = new LinkedHashMap<>();
        (existing == null ? List.<String>of() : existing.names()).forEach(n -> allNames.put(n, true));
        names.forEach(n -> allNames.put(n, true));
        Key key = new Key(id, ref, List.copyOf(allNames.keySet()), versions);
        for (String name : key.names()) {
            Key other = byName.get(name);
            if (other != null && !other.id().equals(id)) {
                throw new IllegalArgumentException(where + ": name " + name + " belongs to key " + other.id());
            }
        }
        byRef.put(ref, key);
        key.names().forEach(name -> byName.put(name, key));
    }

    /** Appends {@code line} to the file: the whole new content to a 0600 temporary file, forced, renamed over. */
    private void persist(String line) {
        try {
            List<String> lines = new ArrayList<>(Files.exists(file) ? read(file) : HEADER.lines().toList());
            lines.add(line);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // some platforms cannot force a directory; the rename is still atomic
            }
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.IO, "persist key ring " + file + ": " + e, e);
        }
    }
}
