package io.millrace.compat.sdks;

/**
 * boto3 without authentication: AWS JSON 1.1 over HTTP/1.1 for Kinesis and Firehose, SubscribeToShard's event
 * stream included.
 */
class PythonSdkIT extends OpenServerScenario {
    PythonSdkIT() {
        super(ScenarioScripts::python);
    }
}
