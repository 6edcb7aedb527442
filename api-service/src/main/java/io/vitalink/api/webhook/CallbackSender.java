package io.vitalink.api.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs a callback to the address the policy has just checked, never to one looked up again (DNS rebinding): the
 * connection goes to that address while the request and TLS still name the URL's host (Host header, SNI, certificate
 * check). The client resolves nothing itself, follows no redirect and retries nothing; what a failure says back to
 * the submitter is generic, so that callbacks cannot map the network behind the API.
 */
final class CallbackSender implements AutoCloseable {

    /** What an attempt got: a status, or a generic reason it got none. */
    record Answer(Integer status, String failure) {
    }

    static final String UNREACHABLE = "The receiver could not be reached";
    static final String TIMED_OUT = "The receiver did not answer in time";

    /** Fails closed should the client ever try to look a host up: the address is always given. */
    private static final DnsResolver NO_LOOKUPS = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("callbacks connect only to checked addresses");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("callbacks connect only to checked addresses");
        }
    };

    /** The documented contract's media type, without the charset parameter the library's constant adds. */
    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient http;

    CallbackSender(WebhookSettings settings) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(NO_LOOKUPS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableContentCompression()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** POSTs {@code body} as JSON to {@code uri}, connecting to {@code address}, which the policy checked for its host. */
    Answer post(URI uri, InetAddress address, Map<String, String> headers, byte[] body) throws InterruptedException {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        HttpHost target = new HttpHost(uri.getScheme().toLowerCase(Locale.ROOT), address, host, uri.getPort());
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpPost post = new HttpPost(path);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, JSON));
        try {
            return new Answer(http.execute(target, post, response -> response.getCode()), null);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while calling back");
            }
            return new Answer(null, TIMED_OUT);
        } catch (IOException e) {
            return new Answer(null, UNREACHABLE);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }
}
