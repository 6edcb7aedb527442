package io.vitalink.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.testing.Http;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console built into this module's classpath is served without a token, and the API's root leads to it. */
@MicronautTest
class ConsoleControllerTest {

    @Inject
    EmbeddedServer server;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(URI.create(server.getURL().toString()));
    }

    @Test
    void theRootAndTheConsoleAddressLeadToTheConsolePage() {
        for (String path : new String[] {"/", "/console", "/console/"}) {
            HttpResponse<String> answer = http.get(path, null);

            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(path).hasValue("/console/index.html");
        }
    }

    @Test
    void thePageAndItsScriptAreServedAnonymouslyInChineseFirst() {
        HttpResponse<String> page = http.get("/console/index.html", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", "<div id=\"root\">");
        Matcher script = Pattern.compile("src=\"/console/(assets/[^\"]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("the page names its bundled script").isTrue();
        HttpResponse<String> bundle = http.get("/console/" + script.group(1), null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("/api/v1/login", "用户名");
    }

    @Test
    void aMissingConsoleFileAnswersNotFoundWithoutAToken() {
        assertThat(http.get("/console/assets/missing.js", null).statusCode()).isEqualTo(404);
    }
}
