package io.millrace.log.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {
    private static final String MATERIAL = Base64.getEncoder().encodeToString(new byte[KeyRing.KEY_BYTES]);

    @TempDir
    Path dir;

    @Test
    void aLoadedKeyRingRefusesUnknownKeysAndKnowsEveryNameOfAKey() throws IOException {
        Path file = dir.resolve("ring");
        Files.writeString(file, """
                # comment
                arn:aws:kms:us-east-1:000000000000:key/k1,alias/orders 1 %s

                arn:aws:kms:us-east-1:000000000000:key/k1 2 %s
                """.formatted(MATERIAL, MATERIAL));
        KeyRing ring = KeyRing.load(file);
        assertThat(ring.provision("alias/orders")).isTrue();
        assertThat(ring.provision("alias/other")).isFalse();
        assertThat(ring.newest("alias/orders").version()).isEqualTo(2);
        assertThat(ring.newest("alias/orders").keyId()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/k1");
        assertThat(ring.find(KeyRing.refOf("arn:aws:kms:us-east-1:000000000000:key/k1"), 1).version()).isEqualTo(1);
        assertThat(Files.readString(file)).doesNotContain("alias/other");
    }

    @Test
    void aProvisioningKeyRingPersistsNewKeysReadableOnlyByTheOwner() throws IOException {
        Path file = dir.resolve("keyring");
        KeyRing ring = KeyRing.openOrCreate(file);
        assertThat(file).doesNotExist();
        assertThat(ring.provision("alias/aws/kinesis")).isTrue();
        assertThat(ring.provision("alias/mine")).isTrue();
        byte[] material = ring.newest("alias/mine").material();
        KeyRing reopened = KeyRing.openOrCreate(file);
        assertThat(reopened.newest("alias/mine").material()).isEqualTo(material);
        assertThat(reopened.contains("alias/aws/kinesis")).isTrue();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void malformedLinesNameTheFileAndLine() throws IOException {
        Path file = dir.resolve("ring");
        Files.writeString(file, "alias/a 1 " + MATERIAL + "\nalias/b 1 c2hvcnQ=\n");
        assertThatThrownBy(() -> KeyRing.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("(expected: 32)");
        Files.writeString(file, "alias/a 1 " + MATERIAL + "\nalias/a 1 " + MATERIAL + "\n");
        assertThatThrownBy(() -> KeyRing.load(file)).hasMessageContaining("appears twice");
    }

    @Test
    void toStringNeverShowsKeyMaterial() {
        MasterKey key = new MasterKey("alias/a", 1, 1, new byte[] {42});
        assertThat(key.toString()).isEqualTo("MasterKey[alias/a v1]");
    }
}
