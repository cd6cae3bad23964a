/**
 * Wire shapes shared by several Kinesis operations: nested structures and enums of the AWS model, bound by the
 * protocol module with Jackson (component names are the model member names with a lower-case first letter; enum
 * constants are the wire values). Start with {@link io.millrace.streams.model.StreamDescription}.
 */
package io.millrace.streams.model;
