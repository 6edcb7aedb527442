package io.vitalink.api.user;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.avro.AuditEvent;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST/GET/PUT/DELETE /api/v1/users and password changes, with their audit events. */
@MicronautTest
class UserManagementTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    RecordingAuditSink audit;

    Http http;
    String admin;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        admin = http.token(TestUsers.ADMIN, TestUsers.PASSWORD);
    }

    @Test
    void adminCreatesAServiceAccountThatLogsInAndIsListed() {
        HttpResponse<String> created = create("Centre-C.Server", "centre-c", List.of("SUBMITTER"), "a long service password");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/centre-c.server");
        JsonNode body = Http.json(created);
        assertThat(body.path("username").asText()).isEqualTo("centre-c.server");
        assertThat(body.path("organisation").asText()).isEqualTo("centre-c");
        assertThat(body.path("enabled").asBoolean()).isTrue();
        assertThat(body.path("locked").asBoolean()).isFalse();
        assertThat(body.has("password") || body.has("passwordHash")).isFalse();
        assertThat(http.login("centre-c.server", "a long service password").statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("/api/v1/users", admin))).extracting(JsonNode::toString)
                .anySatisfy(list -> assertThat(list).contains("\"username\":\"centre-c.server\""));
        assertThat(http.get("/api/v1/users/centre-c.server", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesDuplicateUsersWeakPasswordsAndUnknownRolesWithTheirCodes() {
        HttpResponse<String> duplicate = create(TestUsers.SUBMITTER_A, "centre-a", List.of("SUBMITTER"), "another long password");
        HttpResponse<String> weak = create("weakling", "centre-a", List.of("SUBMITTER"), "short-11chr");
        HttpResponse<String> role = create("ruler", "centre-a", List.of("KING"), "a long enough password");
        HttpResponse<String> noRole = create("nobody", "centre-a", List.of(), "a long enough password");
        HttpResponse<String> name = create("bad name!", "centre-a", List.of("SUBMITTER"), "a long enough password");

        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(Http.code(duplicate)).isEqualTo("VL-1108");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(Http.code(weak)).isEqualTo("VL-1110");
        assertThat(Http.json(weak).path("field").asText()).isEqualTo("password");
        assertThat(Http.code(role)).isEqualTo("VL-1113");
        assertThat(Http.json(role).path("field").asText()).isEqualTo("roles");
        assertThat(Http.code(noRole)).isEqualTo("VL-1113");
        assertThat(Http.code(name)).isEqualTo("VL-1113");
        assertThat(weak.body()).doesNotContain("short-11chr");
    }

    @Test
    void unknownUserIs404Vl1109() {
        for (HttpResponse<String> response : List.of(http.get("/api/v1/users/ghost", admin),
                http.send("PUT", "/api/v1/users/ghost", admin, "application/json", "{\"enabled\":false}"),
                http.send("DELETE", "/api/v1/users/ghost", admin, null, null))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(Http.code(response)).isEqualTo("VL-1109");
        }
    }

    @Test
    void updateChangesOnlyTheFieldsGivenAndRevokesTokensWhenRolesChange() {
        create("promoted", "centre-a", List.of("SUBMITTER"), "a long enough password");
        String before = http.token("promoted", "a long enough password");

        HttpResponse<String> updated = http.send("PUT", "/api/v1/users/promoted", admin, "application/json",
                Http.json(Map.of("roles", List.of("SUBMITTER", "AUDITOR"), "displayName", "Promoted Person")));

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(Http.json(updated).path("roles").toString()).isEqualTo("[\"AUDITOR\",\"SUBMITTER\"]");
        assertThat(Http.json(updated).path("organisation").asText()).isEqualTo("centre-a");
        assertThat(Http.json(updated).path("displayName").asText()).isEqualTo("Promoted Person");
        assertThat(Http.code(http.get("/api/v1/audit", before))).isEqualTo("VL-1111");
        assertThat(http.get("/api/v1/audit", http.token("promoted", "a long enough password")).statusCode()).isEqualTo(200);
    }

    @Test
    void theLastEnabledAdministratorCannotBeDeletedDisabledOrDemoted() {
        HttpResponse<String> delete = http.send("DELETE", "/api/v1/users/" + TestUsers.ADMIN, admin, null, null);
        HttpResponse<String> disable = http.send("PUT", "/api/v1/users/" + TestUsers.ADMIN, admin, "application/json", "{\"enabled\":false}");
        HttpResponse<String> demote = http.send("PUT", "/api/v1/users/" + TestUsers.ADMIN, admin, "application/json", "{\"roles\":[\"AUDITOR\"]}");

        assertThat(delete.statusCode()).isEqualTo(409);
        assertThat(Http.code(delete)).isEqualTo("VL-1117");
        assertThat(Http.code(disable)).isEqualTo("VL-1117");
        assertThat(Http.code(demote)).isEqualTo("VL-1117");
    }

    @Test
    void ownPasswordChangeNeedsTheCurrentPassword() {
        create("forgetful", "centre-a", List.of("SUBMITTER"), "the first password");
        String token = http.token("forgetful", "the first password");

        HttpResponse<String> wrong = http.send("PUT", "/api/v1/users/forgetful/password", token, "application/json",
                Http.json(Map.of("currentPassword", "not the first one", "newPassword", "the second password")));
        HttpResponse<String> missing = http.send("PUT", "/api/v1/users/forgetful/password", token, "application/json",
                Http.json(Map.of("newPassword", "the second password")));
        HttpResponse<String> weak = http.send("PUT", "/api/v1/users/forgetful/password", token, "application/json",
                Http.json(Map.of("currentPassword", "the first password", "newPassword", "too short")));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(Http.code(wrong)).isEqualTo("VL-1116");
        assertThat(Http.code(missing)).isEqualTo("VL-1116");
        assertThat(Http.code(weak)).isEqualTo("VL-1110");
        assertThat(http.login("forgetful", "the first password").statusCode()).isEqualTo(200);
    }

    @Test
    void everyUserChangeIsAuditedWithoutPasswordsOrHashes() {
        audit.events.clear();
        create("audited", "centre-a", List.of("SUBMITTER"), "a password to hide");
        http.send("PUT", "/api/v1/users/audited", admin, "application/json", "{\"organisation\":\"centre-b\"}");
        http.send("PUT", "/api/v1/users/audited/password", admin, "application/json",
                Http.json(Map.of("newPassword", "another password to hide")));
        http.send("DELETE", "/api/v1/users/audited", admin, null, null);

        List<AuditEvent> changes = audit.snapshot().stream().filter(e -> e.getAction().startsWith("USER_")).toList();
        assertThat(changes).extracting(AuditEvent::getAction)
                .containsExactly("USER_CREATED", "USER_UPDATED", "USER_PASSWORD_CHANGED", "USER_DELETED");
        assertThat(changes).allSatisfy(e -> {
            assertThat(e.getActor()).isEqualTo(TestUsers.ADMIN);
            assertThat(e.getOrganisation()).isEqualTo("vitalink");
            assertThat(e.getSourceIp()).isEqualTo("127.0.0.1");
            assertThat(e.getDetail()).startsWith("user=audited").doesNotContain("hide", "argon2");
        });
        assertThat(changes.get(1).getDetail()).contains("organisation=centre-b");
        assertThat(audit.snapshot()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("to hide"));
    }

    @Test
    void userChangesAreRefusedWith503WhileTheAuditTrailCannotBeWrittenAndNothingChanges() {
        create("steady", "centre-a", List.of("SUBMITTER"), "a steady long password");
        audit.failing = true;
        try {
            assertThat(create("unrecorded", "centre-a", List.of("ADMIN"), "an unrecorded password").body())
                    .contains("\"code\":\"VL-1119\"");
            assertThat(http.send("PUT", "/api/v1/users/steady", admin, "application/json",
                    "{\"roles\":[\"ADMIN\"]}").statusCode()).isEqualTo(503);
            assertThat(http.send("PUT", "/api/v1/users/steady/password", admin, "application/json",
                    Http.json(Map.of("newPassword", "a password nobody recorded"))).statusCode()).isEqualTo(503);
            assertThat(http.send("DELETE", "/api/v1/users/steady", admin, null, null).statusCode()).isEqualTo(503);
        } finally {
            audit.failing = false;
        }

        assertThat(http.get("/api/v1/users/unrecorded", admin).statusCode()).isEqualTo(404);
        assertThat(users.get("steady").getRoles()).containsExactly("SUBMITTER");
        assertThat(http.login("steady", "a steady long password").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdministratorCannotMakeThemselvesASubmitterNorMoveThemselvesToAnotherOrganisation() {
        HttpResponse<String> self = http.send("PUT", "/api/v1/users/" + TestUsers.ADMIN, admin, "application/json",
                "{\"roles\":[\"ADMIN\",\"SUBMITTER\"]}");
        HttpResponse<String> moved = http.send("PUT", "/api/v1/users/" + TestUsers.ADMIN, admin, "application/json",
                "{\"organisation\":\"centre-a\"}");

        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(Http.json(self).path("code").asText()).isEqualTo("VL-1120");
        assertThat(moved.statusCode()).isEqualTo(403);
        assertThat(users.get(TestUsers.ADMIN).getRoles()).doesNotContain("SUBMITTER");
        assertThat(users.get(TestUsers.ADMIN).getOrganisation()).isEqualTo("vitalink");
    }

    @Test
    void everySubmitterGrantIsItsOwnHighSeverityAuditEvent() {
        audit.events.clear();
        create("grantee", "centre-a", List.of("AUDITOR"), "a grantee long password");
        http.send("PUT", "/api/v1/users/grantee", admin, "application/json", "{\"roles\":[\"AUDITOR\",\"SUBMITTER\"]}");
        create("born-submitter", "centre-b", List.of("SUBMITTER"), "a born submitter password");

        assertThat(audit.snapshot()).filteredOn(e -> e.getAction().equals("SUBMITTER_GRANTED"))
                .extracting(AuditEvent::getDetail)
                .containsExactly("user=grantee; severity=high; organisation=centre-a",
                        "user=born-submitter; severity=high; organisation=centre-b");
    }

    @Test
    void lockingAnAccountIsAudited() {
        create("locked-out", "centre-a", List.of("SUBMITTER"), "a long enough password");
        audit.events.clear();
        for (int i = 0; i < 5; i++) {
            http.login("locked-out", "guess number " + i);
        }

        assertThat(audit.snapshot()).filteredOn(e -> e.getAction().equals("USER_LOCKED")).singleElement().satisfies(e -> {
            assertThat(e.getActor()).isEqualTo("locked-out");
            assertThat(e.getDetail()).contains("after 5 failed logins");
        });
        assertThat(audit.snapshot()).filteredOn(e -> e.getAction().equals("POST /api/v1/login"))
                .extracting(AuditEvent::getActor, AuditEvent::getOutcome, AuditEvent::getReasonCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("locked-out", "401", "VL-1105"),
                        org.assertj.core.groups.Tuple.tuple("locked-out", "401", "VL-1105"),
                        org.assertj.core.groups.Tuple.tuple("locked-out", "401", "VL-1105"),
                        org.assertj.core.groups.Tuple.tuple("locked-out", "401", "VL-1105"),
                        org.assertj.core.groups.Tuple.tuple("locked-out", "423", "VL-1106"));
    }

    private HttpResponse<String> create(String username, String organisation, List<String> roles, String password) {
        return http.send("POST", "/api/v1/users", admin, "application/json", Http.json(Map.of(
                "username", username, "organisation", organisation, "roles", roles, "password", password)));
    }
}
