package io.tokenledger.app.authorize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a redirect URI presented at the authorization endpoint is one the client registered: exactly (RFC 9700
 * §4.1.3), except that a native app's loopback IP redirect may name any port (RFC 8252 §7.3), since the operating
 * system hands it an ephemeral one. {@code localhost} gets no such latitude (RFC 8252 §8.3).
 */
final class RedirectUriMatch {

    private static final Set<String> LOOPBACK_IPS = Set.of("127.0.0.1", "[::1]");

    private RedirectUriMatch() {
    }

    static boolean registered(List<String> registered, String presented) {
        return registered.contains(presented) || registered.stream().anyMatch(uri -> sameButPort(uri, presented));
    }

    private static boolean sameButPort(String registered, String presented) {
        try {
            URI a = new URI(registered);
            URI b = new URI(presented);
            return "http".equals(a.getScheme()) && "http".equals(b.getScheme())
                   && LOOPBACK_IPS.contains(a.getHost()) && a.getHost().equals(b.getHost())
                   && b.getUserInfo() == null && b.getFragment() == null
                   && Objects.equals(a.getRawPath(), b.getRawPath()) && Objects.equals(a.getRawQuery(), b.getRawQuery());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
