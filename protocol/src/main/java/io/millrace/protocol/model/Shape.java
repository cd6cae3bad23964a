package io.millrace.protocol.model;

/**
 * One shape of the service model, with its constraints already parsed (patterns compiled). Shapes refer to
 * each other directly, so a validator walks them without name look-ups. All implementations are immutable.
 */
public sealed interface Shape permits StructureShape, StringShape, IntegerShape, LongShape, DoubleShape,
        BooleanShape, BlobShape, TimestampShape, ListShape, MapShape {

    /** The shape's name in the model, e.g. {@code StreamName}. */
    String name();
}
