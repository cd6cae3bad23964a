package io.millrace.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages the compatibility tests run beside Millrace or drive it with, installed from the {@code package.json} and
 * {@code package-lock.json} committed in {@code compat/} into {@code compat/target/node}, so that a clean build works
 * on a machine that has Node.js and npm but has never run npm here ({@code .ci/run} runs the same install first).
 *
 * <p>Thread safety: {@link #installed()} holds a file lock while it installs, so the test JVMs of several modules
 * can call it at once.
 */
public final class NodeTools {
    private static final String COMPAT_DIR_PROPERTY = "millrace.compat.dir";
    private static final long INSTALL_TIMEOUT_SECONDS = 300;

    private final Path compatDir;

    private NodeTools(Path compatDir) {
        this.compatDir = compatDir;
    }

    /** The tools of the {@code compat/} directory that Surefire names, or the parent of the working directory. */
    public static NodeTools ofBuild() {
        String configured = System.getProperty(COMPAT_DIR_PROPERTY);
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return new NodeTools(dir.toAbsolutePath().normalize());
    }

    /** Where npm installs: {@code compat/target/node}. */
    public Path prefix() {
        return compatDir.resolve("target").resolve("node");
    }

    /** The prefix, after installing the locked packages there unless an earlier run already did. */
    public Path installed() {
        Path prefix = prefix();
        try {
            Files.createDirectories(prefix);
            try (FileChannel lockFile = FileChannel.open(prefix.resolve(".install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!upToDate(prefix)) {
                    install(prefix);
                }
            }
            return prefix;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the prefix holds a finished install of the committed lock file: npm writes its own copy of what it
     * installed ({@code node_modules/.package-lock.json}) last, and the lock it installed from must be today's.
     */
    private boolean upToDate(Path prefix) throws IOException {
        Path installedLock = prefix.resolve("package-lock.json");
        return Files.exists(prefix.resolve("node_modules/.package-lock.json")) && Files.exists(installedLock)
                && Files.mismatch(installedLock, compatDir.resolve("package-lock.json")) == -1;
    }

    private void install(Path prefix) throws IOException {
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(compatDir.resolve(file), prefix.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(prefix.toFile())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("npm-install.log").toFile())
                .start();
        try {
            if (!npm.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci did not finish in " + INSTALL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            npm.destroyForcibly();
            throw new IllegalStateException("interrupted while npm installed the compat tools", e);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed with exit code " + npm.exitValue() + ":\n"
                    + Files.readString(prefix.resolve("npm-install.log")));
        }
    }
}
