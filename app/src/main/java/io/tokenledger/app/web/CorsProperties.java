package io.tokenledger.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param corsAllowedOrigins origins ({@code https://console.example}) let in besides those of the public clients'
 *                           redirect URIs ({@code LEDGER_CORS_ALLOWED_ORIGINS}, comma-separated)
 */
@ConfigurationProperties("ledger")
public record CorsProperties(List<String> corsAllowedOrigins) {

    public CorsProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
