package io.vitalink.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A request path in a log line can never end the line and forge the next one. */
class LoggedPathTest {

    @Test
    void controlCharactersAndLineSeparatorsAreWrittenAsEscapes() {
        assertThat(LoggedText.of("/api/v1/jobs/x\r\n12:00:00.000 INFO forged\u2028\u0007\tend"))
                .isEqualTo("/api/v1/jobs/x\\u000d\\u000a12:00:00.000 INFO forged\\u2028\\u0007\\u0009end");
        assertThat(LoggedText.of("/api/v1/jobs/3f2c-é")).isEqualTo("/api/v1/jobs/3f2c-é");
        assertThat(LoggedText.of(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCut() {
        assertThat(LoggedText.of("/" + "a".repeat(10_000))).hasSize(LoggedText.MAX_LENGTH + 3).endsWith("...");
    }

    @Test
    void aPercentEncodedLineBreakInThePathStaysOnTheLogLine() {
        String logged = logLineOf(HttpRequest.GET("/api/v1/jobs/x%0d%0a12:00:00.000%20INFO%20forged"));

        assertThat(logged).doesNotContain("\r", "\n").contains("/api/v1/jobs/x%0d%0a12:00:00.000%20INFO%20forged");
    }

    @Test
    void aDecodedLineBreakInThePathIsEscapedOnTheLogLine() {
        // as a server that decodes the path, or a raw control character the HTTP parser let through, would give it
        HttpRequest<?> decoded = new HttpRequestWrapper<>(HttpRequest.GET("/api/v1/jobs/x")) {
            @Override
            public String getPath() {
                return "/api/v1/jobs/x\r\n12:00:00.000 INFO forged\u001b[2K";
            }
        };

        String logged = logLineOf(decoded);

        assertThat(logged).doesNotContain("\r", "\n", "\u001b")
                .contains("/api/v1/jobs/x\\u000d\\u000a12:00:00.000 INFO forged\\u001b[2K");
    }

    /** The line the handler logs for a server-side refusal of {@code request}. */
    private static String logLineOf(HttpRequest<?> request) {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
        logger.addAppender(logged);
        try {
            new ApiExceptionHandler().handle(request, new ApiException(ErrorCode.USER_STORE_UNAVAILABLE, "not stored"));
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).hasSize(1);
        return logged.list.get(0).getFormattedMessage();
    }
}
