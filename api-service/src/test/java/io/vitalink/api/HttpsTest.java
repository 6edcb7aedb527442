package io.vitalink.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS with a keystore made here by the JDK's keytool: login and an authenticated call. */
class HttpsTest {

    private static final String STORE_PASSWORD = "keystore-password";

    @TempDir
    Path dir;

    @Test
    void servesLoginAndApiCallsOverHttpsWithTheConfiguredKeystore() throws Exception {
        Path keystore = dir.resolve("api.p12");
        keytool("-genkeypair", "-alias", "vitalink-api", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);

        try (ApplicationContext api = ApiApplication.start(Map.of(
                "micronaut.server.ssl.enabled", true,
                "micronaut.server.ssl.port", -1,
                "micronaut.server.ssl.key-store.path", "file:" + keystore,
                "micronaut.server.ssl.key-store.password", STORE_PASSWORD,
                "micronaut.server.ssl.key-store.type", "PKCS12",
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false,
                "vitalink.security.jwt.secret", TestUsers.SECRET,
                "vitalink.bootstrap.admin.username", TestUsers.ADMIN,
                "vitalink.bootstrap.admin.password", TestUsers.PASSWORD))) {
            URL url = api.getBean(EmbeddedServer.class).getURL();
            assertThat(url.getProtocol()).isEqualTo("https");
            Http https = new Http(URI.create("https://localhost:" + url.getPort()),
                    HttpClient.newBuilder().sslContext(trusting(keystore)).build());

            String token = https.token(TestUsers.ADMIN, TestUsers.PASSWORD);
            HttpResponse<String> users = https.get("/api/v1/users", token);

            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.body()).contains("\"username\":\"admin\"");
            assertThat(users.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
            assertThat(users.version()).isIn(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2);
        }
    }

    /** Trusts exactly the certificate in the test keystore. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
