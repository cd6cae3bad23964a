package io.millrace.server.http;

import java.nio.file.Path;

/**
 * How the one listening port behaves. Immutable.
 *
 * @param host                     address to bind; tests and the default bind loopback only
 * @param port                     port to bind; {@code 0} picks an ephemeral port
 * @param maxRequestBytes          largest aggregated request body; larger bodies get
 *                                 {@link ApiDispatcher#rejectOversized}
 * @param tlsCertFile              PEM certificate chain, or {@code null} to use a self-signed certificate
 * @param tlsKeyFile               PEM private key matching {@code tlsCertFile}, or {@code null}
 * @param tlsDir                   where the self-signed certificate is kept between starts, or {@code null}
 *                                 to generate one in memory on every start
 * @param maxInFlightPerConnection requests (HTTP/1.1) or streams (HTTP/2) one connection may have unanswered
 * @param ioThreads                event-loop threads; {@code 0} lets Netty choose (twice the cores)
 * @param tlsOnly                  whether plain-text connections (HTTP/1.1, h2c) are closed unanswered
 */
public record TransportConfig(String host, int port, int maxRequestBytes, Path tlsCertFile, Path tlsKeyFile,
                              Path tlsDir, int maxInFlightPerConnection, int ioThreads, boolean tlsOnly) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4567;
    /** A 10 MiB record is 13.4 MiB in base64; JSON framing and the other 499 PutRecords entries need room too. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 24 * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 64;

    public TransportConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: '" + host + "' (expected: a host name or address)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes: " + maxRequestBytes + " (expected: > 0)");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("tlsCertFile and tlsKeyFile: give both or neither");
        }
        if (maxInFlightPerConnection <= 0) {
            throw new IllegalArgumentException(
                    "maxInFlightPerConnection: " + maxInFlightPerConnection + " (expected: > 0)");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 0)");
        }
    }

    /** Every default: loopback, port 4567, 24 MiB bodies, in-memory self-signed certificate. */
    public static TransportConfig defaults() {
        return new TransportConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BYTES, null, null, null,
                DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION, 0, false);
    }

    public TransportConfig withPort(int newPort) {
        return new TransportConfig(host, newPort, maxRequestBytes, tlsCertFile, tlsKeyFile, tlsDir,
                maxInFlightPerConnection, ioThreads, tlsOnly);
    }

    public TransportConfig withMaxRequestBytes(int newMaxRequestBytes) {
        return new TransportConfig(host, port, newMaxRequestBytes, tlsCertFile, tlsKeyFile, tlsDir,
                maxInFlightPerConnection, ioThreads, tlsOnly);
    }

    public TransportConfig withTls(Path certFile, Path keyFile, Path dir) {
        return new TransportConfig(host, port, maxRequestBytes, certFile, keyFile, dir, maxInFlightPerConnection,
                ioThreads, tlsOnly);
    }

    public TransportConfig withTlsOnly(boolean onlyTls) {
        return new TransportConfig(host, port, maxRequestBytes, tlsCertFile, tlsKeyFile, tlsDir,
                maxInFlightPerConnection, ioThreads, onlyTls);
    }

    public TransportConfig withMaxInFlightPerConnection(int limit) {
        return new TransportConfig(host, port, maxRequestBytes, tlsCertFile, tlsKeyFile, tlsDir, limit, ioThreads,
                tlsOnly);
    }
}
