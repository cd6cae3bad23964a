package io.millrace.server.http;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsMaterialTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsGeneratedOnceAndReusedOnLaterStarts() throws Exception {
        TlsMaterial first = TlsMaterial.selfSigned(dir);
        byte[] storedCert = Files.readAllBytes(dir.resolve(TlsMaterial.CERT_FILE_NAME));
        TlsMaterial second = TlsMaterial.selfSigned(dir);

        assertThat(second.chain().get(0)).isEqualTo(first.chain().get(0));
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(Files.readAllBytes(dir.resolve(TlsMaterial.CERT_FILE_NAME))).isEqualTo(storedCert);
        assertThat(Files.readString(dir.resolve(TlsMaterial.KEY_FILE_NAME))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void selfSignedCertificateNamesLocalhostAndLoopbackForTenYears() throws Exception {
        X509Certificate certificate = TlsMaterial.selfSigned(null).chain().get(0);

        assertThat(certificate.getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertThat(validity).isGreaterThanOrEqualTo(Duration.ofDays(3650));
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void inMemoryModeStoresNothing() throws Exception {
        TlsMaterial first = TlsMaterial.selfSigned(null);
        TlsMaterial second = TlsMaterial.selfSigned(null);

        assertThat(second.chain().get(0)).isNotEqualTo(first.chain().get(0));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void configuredRsaPairWithPkcs1KeyIsLoaded() throws Exception {
        KeyPair pair = rsaKeyPair();
        X509Certificate certificate = certificateFor(pair, "CN=configured");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        writePem(cert, certificate);
        writePem(key, pair); // a KeyPair is written as PKCS#1 "RSA PRIVATE KEY"

        TlsMaterial loaded = TlsMaterial.load(cert, key);

        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(loaded.chain()).containsExactly(certificate);
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void configuredEcKeyInSec1FormIsLoaded() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Path key = dir.resolve("ec.key");
        writePem(key, sec1WithNamedCurve(pair));

        TlsMaterial loaded = TlsMaterial.load(writeSelfSignedCert(), key);

        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(((java.security.interfaces.ECPrivateKey) loaded.privateKey()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS());
    }

    /** What {@code openssl ecparam -genkey} writes: SEC1 with the curve named inside the key. */
    private static PemObject sec1WithNamedCurve(KeyPair pair) throws Exception {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), pkcs8.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    private Path writeSelfSignedCert() throws Exception {
        Path cert = dir.resolve("any.crt");
        writePem(cert, certificateFor(rsaKeyPair(), "CN=any"));
        return cert;
    }

    @Test
    void serverPresentsTheConfiguredCertificate() throws Exception {
        KeyPair pair = rsaKeyPair();
        X509Certificate certificate = certificateFor(pair, "CN=configured");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        writePem(cert, certificate);
        writePem(key, pair);
        TransportConfig config = TransportConfig.defaults().withPort(0).withTls(cert, key, null);
        HttpServer server = HttpServer.start(config, new EchoDispatcher());
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            Certificate[] presented = socket.getSession().getPeerCertificates();

            assertThat(presented[0]).isEqualTo(certificate);
        } finally {
            server.shutdownGracefully(Duration.ofSeconds(2)).join();
        }
    }

    @Test
    void missingOrEncryptedKeysAreRefusedWithTheFileName() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        writePem(cert, certificateFor(rsaKeyPair(), "CN=x"));

        assertThatThrownBy(() -> TlsMaterial.load(cert, empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> TlsMaterial.load(empty, cert))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PEM CERTIFICATE");
    }

    /** RSA 2048 generation takes a while; one pair serves every test. */
    private static KeyPair rsaKeyPair;

    private static synchronized KeyPair rsaKeyPair() throws Exception {
        if (rsaKeyPair == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            rsaKeyPair = generator.generateKeyPair();
        }
        return rsaKeyPair;
    }

    private static X509Certificate certificateFor(KeyPair pair, String subject) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static void writePem(Path file, Object item) throws Exception {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(item);
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    @Test
    void theServerContextOffersOnlyTls12And13WithAeadSuites() {
        javax.net.ssl.SSLEngine engine = TlsMaterial.selfSigned(null).serverContext()
                .newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        org.assertj.core.api.Assertions.assertThat(engine.getEnabledProtocols())
                .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        org.assertj.core.api.Assertions.assertThat(engine.getEnabledCipherSuites()).isNotEmpty()
                .allSatisfy(suite -> org.assertj.core.api.Assertions.assertThat(suite)
                        .matches("TLS_(AES|CHACHA20).*|TLS_ECDHE_.*_(GCM_SHA\\d+|CHACHA20_POLY1305_SHA256)"));
    }
}
