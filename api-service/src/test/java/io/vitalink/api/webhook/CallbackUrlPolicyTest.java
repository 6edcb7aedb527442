package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.testing.MapSettings;
import io.vitalink.config.Setting;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTest {

    private static final String SECRET = "centre-a-webhook-secret-0123456789abcdef";

    /** A fake DNS: names map to literal addresses; a literal resolves to itself like the JDK does. */
    private final Map<String, String> dns = new HashMap<>(Map.of(
            "hooks.example.org", "93.184.216.34",
            "internal.example.org", "10.1.2.3",
            "metadata.example.org", "169.254.169.254",
            "mixed.example.org", "93.184.216.34,127.0.0.1"));

    private final MapSettings runtime = new MapSettings();

    private CallbackUrlPolicy policy(List<String> allowedHosts, List<String> allowedNetworks) {
        WebhookSettings settings = new WebhookSettings(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(24),
                Duration.ofSeconds(5), Duration.ofSeconds(10), allowedHosts, allowedNetworks, Map.of("centre-a", SECRET));
        return new CallbackUrlPolicy(settings, runtime, host -> {
            String answer = dns.getOrDefault(host, host);
            if (!answer.matches("[0-9a-fA-F.:,]+")) {
                throw new UnknownHostException(host);
            }
            String[] parts = answer.split(",");
            InetAddress[] addresses = new InetAddress[parts.length];
            for (int i = 0; i < parts.length; i++) {
                addresses[i] = InetAddress.getByName(parts[i]);
            }
            return addresses;
        });
    }

    private final CallbackUrlPolicy open = policy(List.of(), List.of());

    @Test
    void hostsAndNetworksConfiguredAtRunTimeReplaceTheDeploymentsUntilReset() {
        assertThat(catchThrowableOfType(ApiException.class, () -> open.check("https://internal.example.org/", "centre-a")))
                .isNotNull();

        runtime.set(Setting.WEBHOOK_ALLOWED_NETWORKS, "10.0.0.0/8").set(Setting.WEBHOOK_ALLOWED_HOSTS, "*.example.org");

        assertThat(open.check("https://internal.example.org/", "centre-a")).isEqualTo("https://internal.example.org/");
        runtime.set(Setting.WEBHOOK_ALLOWED_HOSTS, "other.org");
        assertThat(catchThrowableOfType(ApiException.class, () -> open.check("https://hooks.example.org/", "centre-a")))
                .isNotNull();
        runtime.set(Setting.WEBHOOK_ALLOWED_HOSTS, null).set(Setting.WEBHOOK_ALLOWED_NETWORKS, null);
        assertThat(open.check("https://hooks.example.org/", "centre-a")).isEqualTo("https://hooks.example.org/");
        assertThat(catchThrowableOfType(ApiException.class, () -> open.check("https://internal.example.org/", "centre-a")))
                .isNotNull();
    }

    @Test
    void acceptsHttpsAndHttpUrlsOfPublicHosts() {
        assertThat(open.check("https://hooks.example.org/vitalink?x=1", "centre-a"))
                .isEqualTo("https://hooks.example.org/vitalink?x=1");
        assertThat(open.check("HTTP://hooks.example.org:8443/", "centre-a")).isEqualTo("HTTP://hooks.example.org:8443/");
        assertThat(open.check("https://93.184.216.34/hook", "centre-a")).isEqualTo("https://93.184.216.34/hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.org/", "file:///etc/passwd", "gopher://hooks.example.org/",
            "javascript:alert(1)", "hooks.example.org/hook", "/relative", "https:///nohost", "http://exa mple.org/", "",
            "https://hooks.example.org/#frag"})
    void refusesNonHttpSchemesRelativeAndMalformedUrlsWithVl1201(String url) {
        assertThatThrownBy(() -> open.check(url, "centre-a")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_URL_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.org@127.0.0.1/", "https://user:pw@hooks.example.org/",
            "http://127.0.0.1#@hooks.example.org/", "http://hooks.example.org\\@127.0.0.1/"})
    void refusesUserInfoTricks(String url) {
        assertThatThrownBy(() -> open.check(url, "centre-a")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code())
                .isIn(ErrorCode.CALLBACK_URL_INVALID, ErrorCode.CALLBACK_HOST_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost/", "http://127.1.2.3:8080/", "http://[::1]/",
            "http://0.0.0.0/", "http://169.254.169.254/latest/meta-data/", "http://metadata.example.org/",
            "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://100.64.0.1/",
            "http://[fd00:ec2::254]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/",
            "http://internal.example.org/", "http://mixed.example.org/", "http://224.0.0.1/", "http://2130706433/",
            "http://unresolvable.invalid/", "http://[2002:7f00:1::1]/", "http://[2002:a9fe:a9fe::]/",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "http://[64:ff9b:1::a00:1]/"})
    void refusesLoopbackMetadataPrivateAndUnresolvableHostsWithVl1202(String url) {
        dns.put("localhost", "127.0.0.1");
        assertThatThrownBy(() -> open.check(url, "centre-a")).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_HOST_NOT_ALLOWED);
    }

    @Test
    void allowsAPrivateNetworkOnlyWhenConfigured() {
        CallbackUrlPolicy lab = policy(List.of(), List.of("127.0.0.0/8", "10.1.0.0/16"));

        assertThat(lab.check("http://127.0.0.1:9000/hook", "centre-a")).isEqualTo("http://127.0.0.1:9000/hook");
        assertThat(lab.check("http://internal.example.org/hook", "centre-a")).isEqualTo("http://internal.example.org/hook");
        assertThatThrownBy(() -> lab.check("http://169.254.169.254/", "centre-a"))
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_HOST_NOT_ALLOWED);
    }

    @Test
    void allowedHostsRestrictToNamesAndSuffixes() {
        dns.put("a.hooks.example.net", "93.184.216.35");
        dns.put("evilhooks.example.net", "93.184.216.36");
        CallbackUrlPolicy listed = policy(List.of("hooks.example.org", "*.hooks.example.net"), List.of());

        assertThat(listed.check("https://hooks.example.org/", "centre-a")).isEqualTo("https://hooks.example.org/");
        assertThat(listed.check("https://A.Hooks.Example.Net/", "centre-a")).isEqualTo("https://A.Hooks.Example.Net/");
        assertThatThrownBy(() -> listed.check("https://evilhooks.example.net/", "centre-a"))
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_HOST_NOT_ALLOWED);
        assertThatThrownBy(() -> listed.check("https://93.184.216.34/", "centre-a"))
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_HOST_NOT_ALLOWED);
    }

    @Test
    void recheckingAtDeliveryCatchesAHostThatNowResolvesToAPrivateAddress() {
        URI uri = open.parse("https://hooks.example.org/hook");
        assertThat(open.addresses(uri)).hasSize(1);

        dns.put("hooks.example.org", "169.254.169.254"); // DNS rebinding after submission

        assertThatThrownBy(() -> open.addresses(uri))
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_HOST_NOT_ALLOWED);
    }

    @Test
    void refusesAnOrganisationWithoutAWebhookSecretWithVl1203() {
        assertThatThrownBy(() -> open.check("https://hooks.example.org/", "centre-b"))
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.CALLBACK_NOT_CONFIGURED);
    }

    @Test
    void refusesShortSecretsAtStartup() {
        assertThatThrownBy(() -> new WebhookSettings(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(), List.of(), Map.of("centre-a", "short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short");
    }
}
