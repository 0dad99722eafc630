package io.tokenledger.app.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.key.JwtSigner;
import io.tokenledger.events.logout.RecordBackchannelLogoutAttempt;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers the back-channel logouts that are due (OpenID Connect Back-Channel Logout 1.0 §2.5): a logout token,
 * signed now by the active key, POSTed form-encoded to the client's {@code backchannel_logout_uri}, redirects not
 * followed (§2.8). Each attempt is recorded ({@code BackchannelLogoutDelivered} or {@code BackchannelLogoutFailed}
 * with when to retry), in the transaction that holds the logout's row, so that of several command nodes one
 * delivers each logout and the others pass it by.
 */
@Component
@ConditionalOnWebApplication
public class BackchannelLogoutDelivery {

    /** Back-Channel Logout 1.0 §2.4: the event that makes a JWT a logout token. */
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final JOSEObjectType LOGOUT_JWT = new JOSEObjectType("logout+jwt");
    /** A logout token is for the moment of its attempt; two minutes covers clocks a little apart. */
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);
    private static final int MAX_PER_RUN = 100;
    private static final int MAX_ERROR = 1000;
    private static final Logger log = LoggerFactory.getLogger(BackchannelLogoutDelivery.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CommandGateway commands;
    private final JwtSigner signer;
    private final BackchannelLogoutProperties settings;
    private final Clock clock;
    private final boolean handlesCommands;
    private final HttpClient http;

    public BackchannelLogoutDelivery(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                     CommandGateway commands, JwtSigner signer, BackchannelLogoutProperties settings,
                                     Clock clock, LedgerProperties ledger) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.commands = commands;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
        this.handlesCommands = ledger.role().handlesCommands();
        this.http = HttpClient.newBuilder().connectTimeout(settings.backchannelLogoutTimeout())
                              .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(initialDelayString = "${ledger.backchannel-logout-interval}",
            fixedDelayString = "${ledger.backchannel-logout-interval}")
    public void scheduled() {
        if (handlesCommands) {
            deliverDue();
        }
    }

    /** Attempts every logout due now, one at a time; answers how many attempts it made. */
    public int deliverDue() {
        int attempts = 0;
        while (attempts < MAX_PER_RUN && Boolean.TRUE.equals(transactions.execute(status -> attemptOne()))) {
            attempts++;
        }
        return attempts;
    }

    /** False when none is due (or every due one is another node's to deliver right now). */
    private boolean attemptOne() {
        Optional<Due> due = jdbc.query("""
                SELECT logout_id::text, session_id::text, user_id, client_id, uri, issuer, attempts
                FROM backchannel_logouts
                WHERE status = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, row) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)),
                Timestamp.from(clock.instant())).stream().findFirst();
        due.ifPresent(this::attempt);
        return due.isPresent();
    }

    private void attempt(Due due) {
        Instant now = clock.instant();
        String keyId = null;
        Integer status = null;
        String error = null;
        try {
            keyId = signer.activeKid();
            status = post(due.uri(), signer.sign(keyId, LOGOUT_JWT, claims(due, now)));
        } catch (IOException | RuntimeException e) {
            error = describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        RecordBackchannelLogoutAttempt attempt = new RecordBackchannelLogoutAttempt(due.logoutId(), keyId, status,
                error, now, settings.retryAfter(due.attempts() + 1, now));
        commands.sendAndWait(attempt);
        if (!attempt.delivered()) {
            log.warn("back-channel logout {} to client {} failed (attempt {}): {}", due.logoutId(), due.clientId(),
                    due.attempts() + 1, error != null ? error : "HTTP " + status);
        }
    }

    /** §2.4: iss, aud, iat, exp, jti, sub, sid and the logout event; never a nonce. */
    private static JWTClaimsSet claims(Due due, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(due.issuer())
                .audience(due.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(due.logoutId())
                .subject(due.userId())
                .claim("sid", due.sessionId())
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
    }

    private int post(String uri, String logoutToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                                         .timeout(settings.backchannelLogoutTimeout())
                                         .header("Content-Type", "application/x-www-form-urlencoded")
                                         .POST(HttpRequest.BodyPublishers.ofString("logout_token="
                                                 + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
                                         .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    private record Due(String logoutId, String sessionId, String userId, String clientId, String uri, String issuer,
                       int attempts) {
    }
}
