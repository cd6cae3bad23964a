package io.millrace.server.http;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A certificate chain and its private key, loaded from PEM files or generated self-signed, and the server
 * {@link SslContext} built from them (ALPN {@code h2} then {@code http/1.1}).
 *
 * <p>Keys may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 EC
 * ({@code EC PRIVATE KEY}); encrypted keys are refused. The self-signed certificate uses EC P-256, is valid for
 * ten years and names {@code localhost} and {@code 127.0.0.1}. Immutable and thread-safe.
 */
public final class TlsMaterial {
    public static final String CERT_FILE_NAME = "cert.pem";
    public static final String KEY_FILE_NAME = "key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3650);

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private TlsMaterial(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
    }

    /** Loads a PEM certificate chain (leaf first) and a PEM private key. */
    public static TlsMaterial load(Path certPem, Path keyPem) {
        return new TlsMaterial(readCertificates(certPem), readPrivateKey(keyPem));
    }

    /**
     * The self-signed certificate kept in {@code dir} ({@value #CERT_FILE_NAME}, {@value #KEY_FILE_NAME}),
     * generated and stored there on first use. With a {@code null} dir a fresh one is generated and not stored.
     */
    public static TlsMaterial selfSigned(Path dir) {
        if (dir == null) {
            return generateSelfSigned();
        }
        Path cert = dir.resolve(CERT_FILE_NAME);
        Path key = dir.resolve(KEY_FILE_NAME);
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return load(cert, key);
        }
        TlsMaterial generated = generateSelfSigned();
        generated.store(dir);
        LOG.info("Generated a self-signed TLS certificate in {}", dir);
        return generated;
    }

    /** Uses the configured PEM pair when given, else the self-signed certificate kept in {@code tlsDir}. */
    public static TlsMaterial forConfig(TransportConfig config) {
        return config.tlsCertFile() != null
                ? load(config.tlsCertFile(), config.tlsKeyFile())
                : selfSigned(config.tlsDir());
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The protocol versions served: nothing older than TLS 1.2. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * A server context offering ALPN {@code h2} and {@code http/1.1}, TLS 1.3 and 1.2 only, and only the cipher
     * suites HTTP/2 accepts (RFC 7540 §9.2.2: ephemeral key exchange with AEAD ciphers; no CBC, RC4 or 3DES).
     */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(privateKey, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** Writes {@value #CERT_FILE_NAME} and {@value #KEY_FILE_NAME} (PKCS#8) into {@code dir}. */
    public void store(Path dir) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(CERT_FILE_NAME), writer -> {
                for (X509Certificate certificate : chain) {
                    writer.writeObject(certificate);
                }
            });
            writeAtomically(dir.resolve(KEY_FILE_NAME),
                    writer -> writer.writeObject(new JcaPKCS8Generator(privateKey, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the TLS certificate in " + dir, e);
        }
    }

    private static TlsMaterial generateSelfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=Millrace");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(SELF_SIGNED_VALIDITY)),
                    subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new TlsMaterial(List.of(certificate), keyPair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCertificates(Path certPem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(certPem, StandardCharsets.US_ASCII))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read certificates from " + certPem + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM CERTIFICATE found in " + certPem);
        }
        return certificates;
    }

    private static PrivateKey readPrivateKey(Path keyPem) {
        try (Reader reader = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    // Only the private half: SEC1 EC keys may omit the public key, and then a key pair cannot form.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("encrypted private keys are not supported: " + keyPem);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a private key from " + keyPem + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no PEM private key found in " + keyPem);
    }

    /** Writing to a temporary file first keeps a crash from leaving half a key that later starts would trust. */
    private static void writeAtomically(Path target, PemContent content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            restrictToOwner(temporary);
            try (Writer file = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII);
                 JcaPEMWriter writer = new JcaPEMWriter(file)) {
                content.writeTo(writer);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's own permissions apply.
        }
    }

    @FunctionalInterface
    private interface PemContent {
        void writeTo(JcaPEMWriter writer) throws IOException;
    }
}
