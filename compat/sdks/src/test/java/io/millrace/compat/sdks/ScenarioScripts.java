package io.millrace.compat.sdks;

import io.millrace.compat.NodeTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How to run the scenario in each language: the AWS SDK for JavaScript v3 with Node.js
 * ({@code src/test/js/sdk-scenario.mjs}; installed by npm from {@code compat/package.json}) and boto3 with Python
 * ({@code src/test/python/sdk_scenario.py}; on the first of {@code python3} on the {@code PATH} and Debian's
 * {@code /usr/bin/python3} that can import boto3, which {@code .ci/run} installs from {@code python3-boto3} when
 * neither can; the scenario keeps to what boto3 1.26, Debian 12's, already knows). Stateless.
 */
final class ScenarioScripts {
    private static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");

    private ScenarioScripts() {
    }

    static ProcessBuilder node(List<String> arguments) {
        Path prefix = NodeTools.ofBuild().installed();
        Path script = prefix.resolve("sdk-scenario.mjs"); // bare imports resolve from the script's directory
        try {
            Files.copy(Path.of("src/test/js/sdk-scenario.mjs"), script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(prefix.toFile());
    }

    static ProcessBuilder python(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(pythonWithBoto3(),
                Path.of("src/test/python/sdk_scenario.py").toAbsolutePath().toString()));
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }

    private static String pythonWithBoto3() {
        for (String candidate : PYTHONS) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import boto3")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
                probe.destroyForcibly();
            } catch (IOException notInstalled) {
                // try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for a Python with boto3", e);
            }
        }
        throw new IllegalStateException("no Python among " + PYTHONS + " can import boto3 (on Debian: "
                + "apt-get install python3-boto3)");
    }
}
