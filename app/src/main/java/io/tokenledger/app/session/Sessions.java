package io.tokenledger.app.session;

import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.Actor;
import io.tokenledger.events.grant.Authentication;
import io.tokenledger.events.session.EndSession;
import io.tokenledger.events.session.SessionEndReason;
import io.tokenledger.events.session.StartSession;
import io.tokenledger.query.session.OpenSession;
import io.tokenledger.query.session.SessionLookup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in sessions: a sign-in through the form starts one and sets its cookie; while it lasts, the cookie signs its
 * user in to any client without the form. Only the cookie's hash reaches the ledger.
 */
@Component
public class Sessions {

    static final Actor EXPIRY = Actor.system("sessions");
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    private static final List<String> PASSWORD = List.of("pwd");

    private final SessionLookup sessions;
    private final CommandGateway commands;
    private final Clock clock;
    private final SessionProperties settings;

    public Sessions(SessionLookup sessions, CommandGateway commands, Clock clock, SessionProperties settings) {
        this.sessions = sessions;
        this.commands = commands;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The session the browser's cookie belongs to, while it may sign its user in. One found past its time is ended
     * now, rather than at the next sweep, so that its end is recorded before anything else happens to it.
     */
    public Optional<OpenSession> current(HttpServletRequest request) {
        Instant now = clock.instant();
        Optional<OpenSession> open = cookieSession(request);
        open.filter(session -> !session.liveAt(now, settings.sessionIdleTimeout()))
            .ifPresent(session -> expire(session, now));
        return open.filter(session -> session.liveAt(now, settings.sessionIdleTimeout()) && !session.userDisabled());
    }

    /**
     * A sign-in through the form: a new session and its cookie, replacing the one the browser had. Answers the
     * sign-in as ID tokens will state it.
     */
    public Authentication start(String userId, HttpServletRequest request, HttpServletResponse response) {
        Instant now = clock.instant();
        Actor user = Actor.user(userId);
        cookieSession(request).ifPresent(replaced -> end(replaced.sessionId(), SessionEndReason.REPLACED, now, user));
        String cookie = Secrets.generate();
        String sessionId = TimeOrderedIds.next();
        commands.sendAndWait(new StartSession(sessionId, userId, Secrets.sha256(cookie), PASSWORD, now,
                now.plus(settings.sessionMaxLifetime()), user));
        SessionCookie.write(request, response, cookie, settings.sessionMaxLifetime());
        return new Authentication(now, PASSWORD, sessionId);
    }

    /**
     * RP-Initiated Logout: ends the session the relying party named, if still open, and the browser's own when it
     * is the same user's (or when the relying party named none), then clears the cookie. Answers how many ended.
     *
     * @param named   the session the logout request named ({@code sid} of its {@code id_token_hint}), if any
     * @param subject the user the logout request named, if any: another user's browser session is left alone
     */
    public long logOut(Optional<String> named, Optional<String> subject, HttpServletRequest request,
                       HttpServletResponse response) {
        Instant now = clock.instant();
        Map<String, String> ending = new LinkedHashMap<>();
        named.flatMap(sessions::byId).ifPresent(session -> ending.put(session.sessionId(), session.userId()));
        Optional<OpenSession> browser = cookieSession(request)
                .filter(session -> subject.isEmpty() || subject.get().equals(session.userId()));
        browser.ifPresent(session -> ending.put(session.sessionId(), session.userId()));
        long ended = ending.entrySet().stream().filter(session -> end(session.getKey(), SessionEndReason.LOGGED_OUT,
                now, Actor.user(session.getValue()))).count();
        if (browser.isPresent()) {
            SessionCookie.clear(request, response);
        }
        return ended;
    }

    /** The sign-in a session stands for, as ID tokens issued through it state it. */
    public static Authentication authentication(OpenSession session) {
        return new Authentication(session.startedAt(), session.methods(), session.sessionId());
    }

    /** Ends every open sign-in session of a user; answers how many this ended. */
    public long endAllOf(String userId, SessionEndReason reason, Instant at, Actor actor) {
        return sessions.ofUser(userId).stream().filter(session -> end(session.sessionId(), reason, at, actor)).count();
    }

    public boolean end(String sessionId, SessionEndReason reason, Instant at, Actor actor) {
        return commands.sendAndWait(new EndSession(sessionId, reason, at, actor));
    }

    /**
     * Ends a session past its time, with the reason that came first; false when it had ended already, or when the
     * ledger's session outlives what its row says, as a row rewritten in the table would: the session is not
     * used then either, and the refusal is logged.
     */
    boolean expire(OpenSession session, Instant now) {
        SessionEndReason reason = now.isBefore(session.expiresAt()) ? SessionEndReason.IDLE_TIMEOUT
                : SessionEndReason.MAX_LIFETIME;
        Instant at = reason == SessionEndReason.MAX_LIFETIME ? session.expiresAt()
                : session.lastUsedAt().plus(settings.sessionIdleTimeout());
        try {
            return end(session.sessionId(), reason, at, EXPIRY);
        } catch (IllegalArgumentException refused) {
            log.warn("session {} was not ended as {}: {} (its row in sessions disagrees with the ledger; run verify)",
                    session.sessionId(), reason, refused.getMessage());
            return false;
        }
    }

    private Optional<OpenSession> cookieSession(HttpServletRequest request) {
        return SessionCookie.read(request).map(Secrets::sha256).flatMap(sessions::byCookieHash);
    }
}
