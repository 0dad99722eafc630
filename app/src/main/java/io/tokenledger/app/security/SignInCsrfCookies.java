package io.tokenledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * The sign-in form's double-submit cookie. Over TLS (or behind a trusted proxy that says the request came over TLS)
 * it is {@code __Host-XSRF-TOKEN}: the prefix makes browsers refuse it unless it is {@code Secure}, has
 * {@code Path=/} and no {@code Domain}, so no sibling subdomain and no plain-HTTP page can plant one. Over plain
 * HTTP (development) a prefixed cookie would be dropped, so it is {@code XSRF-TOKEN}. Both are {@code HttpOnly} and
 * {@code SameSite=Lax}: the form posts to the page it came from, so the cookie need not go anywhere else.
 */
final class SignInCsrfCookies implements CsrfTokenRepository {

    private final CookieCsrfTokenRepository secure = cookies("__Host-XSRF-TOKEN", true);
    private final CookieCsrfTokenRepository plain = cookies("XSRF-TOKEN", false);

    private static CookieCsrfTokenRepository cookies(String name, boolean secure) {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName(name);
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.secure(secure).sameSite("Lax").httpOnly(true));
        return repository;
    }

    private CookieCsrfTokenRepository of(HttpServletRequest request) {
        return request.isSecure() ? secure : plain;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return of(request).generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        of(request).saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return of(request).loadToken(request);
    }
}
