package io.millrace.compat.sdks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS SDK for Python (boto3), which speaks AWS JSON 1.1 over HTTP/1.1, SubscribeToShard's event stream included
 * ({@code src/test/python/sdk_scenario.py}). It runs on the first of {@code python3} on the {@code PATH} and
 * Debian's {@code /usr/bin/python3} that can import boto3 ({@code .ci/run} installs Debian's {@code python3-boto3}
 * when neither can); the scenario keeps to what boto3 1.26 (Debian 12's) already knows.
 */
class PythonSdkIT extends CrossSdkScenario {
    private static final List<String> INTERPRETERS = List.of("python3", "/usr/bin/python3");

    @Override
    ProcessBuilder scriptCommand(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(interpreter(),
                Path.of("src/test/python/sdk_scenario.py").toAbsolutePath().toString()));
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }

    private static String interpreter() {
        for (String candidate : INTERPRETERS) {
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
        throw new IllegalStateException("no Python among " + INTERPRETERS + " can import boto3 (on Debian: "
                + "apt-get install python3-boto3)");
    }
}
