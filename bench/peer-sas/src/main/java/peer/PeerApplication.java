package peer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Spring Authorization Server as its reference guide sets it up with JDBC: the registered clients and the
 * authorizations in PostgreSQL, opaque (reference) access tokens, one client for the load. {@code PEER_SECRET_HASH}
 * picks how that client's secret is stored: {@code bcrypt}, as Spring Security ships, or {@code sha256}, one SHA-256
 * like the ledger's.
 */
@SpringBootApplication
public class PeerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    @Bean
    RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /**
     * The hash named by {@code PEER_SECRET_HASH} is also the one new secrets get: Spring Authorization Server upgrades
     * a secret stored in any other to it at the client's first authentication, so a bcrypt default would turn the
     * SHA-256 line back into the bcrypt one.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${peer.secret-hash}") String hash) {
        return new DelegatingPasswordEncoder(hash, Map.of("bcrypt", new BCryptPasswordEncoder(), "sha256", new Sha256()));
    }

    @Bean
    ApplicationRunner benchClient(RegisteredClientRepository clients, PasswordEncoder encoder,
                                  @Value("${peer.client-secret}") String secret) {
        return args -> {
            if (clients.findByClientId("bench") != null) {
                return;
            }
            clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId("bench")
                    .clientSecret(encoder.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("read")
                    .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                                                .accessTokenTimeToLive(Duration.ofHours(1)).build())
                    .build());
        };
    }

    /** One SHA-256 of the secret, compared in constant time: what the ledger does with its 256-bit secrets. */
    static final class Sha256 implements PasswordEncoder {

        @Override
        public String encode(CharSequence raw) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(raw.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII),
                    encoded.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
