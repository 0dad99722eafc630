package io.tokenledger.app.oidc;

import io.tokenledger.app.oauth2.BrowserRedirect;
import io.tokenledger.app.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.ModelAndView;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenID Connect RP-Initiated Logout 1.0 ({@code end_session_endpoint}). With a valid {@code id_token_hint} the
 * relying party's request is proof enough: the session ends at once ({@code SessionEnded}, {@code LOGGED_OUT}).
 * Without one anyone could have sent the browser here, so the user confirms on a form guarded against cross-site
 * request forgery (§4: "the OP SHOULD ask the End-User whether to log out").
 */
@Controller
public class LogoutEndpoint {

    private final LogoutRequests requests;
    private final Sessions sessions;

    public LogoutEndpoint(LogoutRequests requests, Sessions sessions) {
        this.requests = requests;
        this.sessions = sessions;
    }

    @RequestMapping(value = "/oauth2/logout", method = {RequestMethod.GET, RequestMethod.POST})
    public ModelAndView logout(HttpServletRequest request, HttpServletResponse response) {
        LogoutRequests.ValidLogout logout = requests.validate(request);
        return logout.hinted() ? end(logout, request, response) : confirm(logout, response);
    }

    @PostMapping("/oauth2/logout/confirm")
    public ModelAndView confirmed(HttpServletRequest request, HttpServletResponse response) {
        return end(requests.validate(request), request, response);
    }

    @ExceptionHandler(LogoutError.class)
    public ModelAndView refused(LogoutError e, HttpServletResponse response) {
        return page("error", Map.of("message", e.getMessage()), HttpStatus.BAD_REQUEST, response);
    }

    private ModelAndView end(LogoutRequests.ValidLogout logout, HttpServletRequest request,
                             HttpServletResponse response) {
        sessions.logOut(logout.sessionId(), logout.subject(), request, response);
        if (logout.redirectUri().isEmpty()) {
            return page("done", Map.of(), HttpStatus.OK, response);
        }
        return BrowserRedirect.to(logout.redirectUri().get(),
                logout.state() == null ? Map.of() : Map.of("state", logout.state()), response);
    }

    /** The form carries the request's parameters back, so the confirmation is validated as the request was. */
    private ModelAndView confirm(LogoutRequests.ValidLogout logout, HttpServletResponse response) {
        Map<String, String> parameters = new LinkedHashMap<>();
        logout.clientId().ifPresent(clientId -> parameters.put("client_id", clientId));
        logout.redirectUri().ifPresent(uri -> parameters.put("post_logout_redirect_uri", uri.toString()));
        if (logout.state() != null) {
            parameters.put("state", logout.state());
        }
        return page("confirm", Map.of("parameters", parameters), HttpStatus.OK, response);
    }

    private static ModelAndView page(String stage, Map<String, Object> model, HttpStatus status,
                                     HttpServletResponse response) {
        ModelAndView page = new ModelAndView("logout", model);
        page.addObject("stage", stage);
        page.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        return page;
    }
}
