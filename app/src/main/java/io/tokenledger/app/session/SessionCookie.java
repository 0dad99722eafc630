package io.tokenledger.app.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The session cookie: HttpOnly, SameSite=Lax (sent when a relying party sends the browser here, not on a cross-site
 * POST), Secure when the request came over TLS, and only to {@code /oauth2/}, where sign-in and logout are.
 */
final class SessionCookie {

    static final String NAME = "ledger_session";
    private static final String PATH = "/oauth2/";

    private SessionCookie() {
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty()
                : Arrays.stream(cookies).filter(cookie -> NAME.equals(cookie.getName())).map(Cookie::getValue)
                        .filter(value -> !value.isEmpty()).findFirst();
    }

    static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration lifetime) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, value, lifetime).toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration lifetime) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                             .path(PATH).maxAge(lifetime).build();
    }
}
