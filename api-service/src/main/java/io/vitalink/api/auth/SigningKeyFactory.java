package io.vitalink.api.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;

/**
 * The HS256 signature of access tokens, from {@link JwtSettings}. Micronaut signs with the bean named
 * "generator" and verifies with every signature bean; this is the only one, so an unsigned ("alg":"none")
 * or differently signed token is never accepted. Created at start-up so a missing secret stops the service.
 */
@Factory
class SigningKeyFactory {

    @Context
    @Named("generator")
    SignatureGeneratorConfiguration accessTokenSignature(JwtSettings settings) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setSecret(new String(settings.secret(), StandardCharsets.UTF_8));
        return new SecretSignature(config);
    }
}
