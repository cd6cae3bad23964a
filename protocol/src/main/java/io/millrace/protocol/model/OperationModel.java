package io.millrace.protocol.model;

/**
 * One operation: its name ({@code PutRecords}), its input structure (an empty structure when the model has
 * none) and its output structure ({@code null} when the operation returns no body).
 */
public record OperationModel(String name, StructureShape input, StructureShape output) {
    public boolean hasOutput() {
        return output != null;
    }
}
