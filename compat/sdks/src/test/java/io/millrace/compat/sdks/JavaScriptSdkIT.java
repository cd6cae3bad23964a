package io.millrace.compat.sdks;

import io.millrace.compat.NodeTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS SDK for JavaScript v3 (installed by npm from {@code compat/package.json}), whose Kinesis client speaks AWS
 * JSON 1.1 over cleartext HTTP/2 for every operation, SubscribeToShard's event stream included, and whose Firehose
 * client speaks it over HTTP/1.1 ({@code src/test/js/sdk-scenario.mjs}).
 */
class JavaScriptSdkIT extends CrossSdkScenario {

    @Override
    ProcessBuilder scriptCommand(List<String> arguments) {
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
}
