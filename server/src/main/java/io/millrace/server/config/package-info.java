/**
 * Server configuration: {@link io.millrace.server.config.ConfigKey} documents every key and its default once;
 * {@link io.millrace.server.config.MillraceCommand} resolves flags, {@code MILLRACE_*} environment variables and
 * the {@code --config} properties file into a {@link io.millrace.server.config.ServerConfig}.
 * Values are non-null unless documented otherwise.
 */
package io.millrace.server.config;
