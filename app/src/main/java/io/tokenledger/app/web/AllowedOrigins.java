package io.tokenledger.app.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.tokenledger.query.client.ClientLookup;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The origins a browser application may call the token, revocation, UserInfo, JWKS and metadata endpoints from:
 * those of the public clients' registered redirect URIs, and {@code LEDGER_CORS_ALLOWED_ORIGINS}. The clients' are
 * read at most every few seconds, so a newly registered single-page application is let in within them.
 */
@Component
class AllowedOrigins {

    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final LoadingCache<Boolean, Set<String>> publicClients;
    private final Set<String> configured;

    AllowedOrigins(ClientLookup clients, CorsProperties settings) {
        this.publicClients = Caffeine.newBuilder().expireAfterWrite(REFRESH).build(ignored -> {
            Set<String> origins = new HashSet<>();
            clients.publicClientRedirectUris().forEach(uri -> origin(uri).ifPresent(origins::add));
            return Set.copyOf(origins);
        });
        Set<String> origins = new HashSet<>();
        settings.corsAllowedOrigins().forEach(origin -> origin(origin).ifPresent(origins::add));
        this.configured = Set.copyOf(origins);
    }

    boolean allows(String origin) {
        Optional<String> normalized = origin(origin);
        return normalized.isPresent() && (configured.contains(normalized.get())
                || publicClients.get(Boolean.TRUE).contains(normalized.get()));
    }

    /** RFC 6454 §6.1: scheme, host and port, lower-cased, the scheme's default port left out. */
    static Optional<String> origin(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return Optional.empty();
            }
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            int port = parsed.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return Optional.of(scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT)
                    + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
