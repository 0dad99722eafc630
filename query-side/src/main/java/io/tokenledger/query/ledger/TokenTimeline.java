package io.tokenledger.query.ledger;

import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import io.tokenledger.query.token.TokenStatus;
import io.tokenledger.query.ReadDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a token was at any instant, computed from the events, not from today's tables. */
@Component
public class TokenTimeline {

    private final EventLedger ledger;
    private final JdbcTemplate jdbc;
    private final RecordedEvents recorded;

    public TokenTimeline(EventLedger ledger, @ReadDatabase JdbcTemplate jdbc, RecordedEvents recorded) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.recorded = recorded;
    }

    public Optional<TokenAsOf> asOf(String tokenId, Instant at) {
        return ledger.streamOfToken(tokenId).map(stream -> {
            Fold fold = fold(tokenId, recorded.stream(stream, at));
            return fold.result(at, fold.clientId == null ? null : clientRetiredAt(fold.clientId, at));
        });
    }

    /**
     * The tokens of a client that were active at an instant, oldest first. The audit log serves as the index of which
     * tokens a client was issued, and the issuing event's expiry narrows them to those not expired then; each
     * candidate's state is folded from its own stream. Candidates are read a page at a time, so that a client with
     * millions of tokens costs time, not memory.
     */
    public List<TokenAsOf> activeTokensOfClient(String clientId, Instant at, int limit) {
        Instant retired = clientRetiredAt(clientId, at);
        List<TokenAsOf> active = new ArrayList<>();
        int pageSize = 2 * limit;
        long after = 0;
        List<Candidate> page;
        do {
            page = candidates(clientId, at, after, pageSize);
            Map<String, List<Object>> streams = streamsUpTo(page, at);
            for (Candidate token : page) {
                TokenAsOf state = fold(token.tokenId(), streams.getOrDefault(token.stream(), List.of()))
                        .result(at, retired);
                if ("active".equals(state.status()) && active.size() < limit) {
                    active.add(state);
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).position();
        } while (page.size() == pageSize && active.size() < limit);
        return active;
    }

    /** A token issued to the client by then, not expired then, and the position of the event that issued it. */
    private record Candidate(long position, String tokenId, String stream) {
    }

    private List<Candidate> candidates(String clientId, Instant at, long after, int pageSize) {
        return jdbc.query("""
                SELECT a.global_index, a.token_id::text AS token_id, e.aggregate_identifier AS stream
                FROM audit_entry a JOIN domain_event_entry e ON e.global_index = a.global_index
                WHERE a.client_id = ? AND a.token_id IS NOT NULL AND a.occurred_at <= ? AND a.global_index > ?
                  AND a.event_type IN ('TokenIssued', 'AuthorizationCodeRedeemed', 'RefreshTokenRotated',
                                       'DeviceCodeRedeemed')
                  AND (SELECT COALESCE(doc -> 'token' ->> 'expiresAt', doc ->> 'expiresAt')::timestamptz
                       FROM (SELECT convert_from(e.payload, 'UTF8')::jsonb AS doc) AS payload) > ?
                ORDER BY a.global_index
                LIMIT ?""", (rs, row) -> new Candidate(rs.getLong("global_index"), rs.getString("token_id"),
                rs.getString("stream")), clientId, at.atOffset(ZoneOffset.UTC), after, at.atOffset(ZoneOffset.UTC),
                pageSize);
    }

    /** The candidates' streams, each event recorded up to the instant read once. */
    private Map<String, List<Object>> streamsUpTo(List<Candidate> candidates, Instant at) {
        Set<String> ids = new HashSet<>();
        candidates.forEach(candidate -> ids.add(candidate.stream()));
        return recorded.byStream(ledger.streams(ids), at);
    }

    private static Fold fold(String tokenId, List<Object> events) {
        Fold fold = new Fold(tokenId);
        events.forEach(fold::apply);
        return fold;
    }

    private Instant clientRetiredAt(String clientId, Instant at) {
        return recorded.stream(clientId, at).stream()
                                                              .filter(ClientRetired.class::isInstance)
                                                              .map(e -> ((ClientRetired) e).retiredAt())
                                                              .findFirst().orElse(null);
    }

    /** The state of one token, event by event. */
    private static final class Fold {

        private final String tokenId;
        private String clientId;
        private String userId;
        private String grantId;
        private String grantType;
        private List<String> scopes;
        private Instant issuedAt;
        private Instant expiresAt;
        private Instant refreshExpiresAt;
        private Instant refreshRetiredAt;
        private Instant revokedAt;
        private RevocationReason reason;
        private Actor revokedBy;
        private String note;
        private int considered;

        Fold(String tokenId) {
            this.tokenId = tokenId;
        }

        /** Applies an event if it concerns this token, counting those that did. */
        void apply(Object event) {
            if (applies(event)) {
                considered++;
            }
        }

        private boolean applies(Object event) {
            if (event instanceof TokenIssued e && e.tokenId().equals(tokenId)) {
                return issued(e.clientId(), e.userId(), null, e.grantType(), e.scopes(), e.issuedAt(), e.expiresAt(),
                        null);
            }
            if (event instanceof TokenRevoked e && e.tokenId().equals(tokenId)) {
                return revoked(e.revokedAt(), e.reason(), e.actor(), e.note());
            }
            if (event instanceof AuthorizationCodeRedeemed e && e.token().tokenId().equals(tokenId)) {
                return grantToken(e.grantId(), e.clientId(), e.userId(), "authorization_code", e.token(),
                        e.refreshExpiresAt());
            }
            if (event instanceof DeviceCodeRedeemed e && e.token().tokenId().equals(tokenId)) {
                return grantToken(e.grantId(), e.clientId(), e.userId(), DeviceCodeRedeemed.GRANT_TYPE, e.token(),
                        e.refreshExpiresAt());
            }
            if (event instanceof RefreshTokenRotated e) {
                return rotated(e);
            }
            return event instanceof GrantRevoked e && e.tokenIds().contains(tokenId)
                    && revoked(e.revokedAt(), e.reason(), e.actor(), e.note());
        }

        private boolean rotated(RefreshTokenRotated e) {
            if (e.token().tokenId().equals(tokenId)) {
                return grantToken(e.grantId(), e.clientId(), e.userId(), "refresh_token", e.token(), e.refreshExpiresAt());
            }
            if (tokenId.equals(e.fromTokenId())) {
                refreshRetiredAt = refreshRetiredAt == null ? e.token().issuedAt() : refreshRetiredAt;
                return true;
            }
            return tokenId.equals(e.supersededTokenId())
                    && revoked(e.token().issuedAt(), RevocationReason.SUPERSEDED, e.actor(), null);
        }

        private boolean grantToken(String grant, String client, String user, String type, GrantToken token,
                                   Instant refreshExpiry) {
            return issued(client, user, grant, type, token.scopes(), token.issuedAt(), token.expiresAt(), refreshExpiry);
        }

        private boolean issued(String client, String user, String grant, String type, List<String> tokenScopes,
                               Instant issued, Instant expires, Instant refreshExpiry) {
            clientId = client;
            userId = user;
            grantId = grant;
            grantType = type;
            scopes = tokenScopes;
            issuedAt = issued;
            expiresAt = expires;
            refreshExpiresAt = refreshExpiry;
            return true;
        }

        private boolean revoked(Instant at, RevocationReason why, Actor by, String written) {
            if (revokedAt == null) {
                revokedAt = at;
                reason = why;
                revokedBy = by;
                note = written;
            }
            return true;
        }

        TokenAsOf result(Instant at, Instant clientRetiredAt) {
            String status = TokenStatus.at(at, issuedAt, expiresAt, revokedAt, clientRetiredAt).label();
            return new TokenAsOf(tokenId, at, status, clientId, userId, grantId, grantType, scopes, issuedAt, expiresAt,
                    revokedAt, reason == null ? null : reason.name(), revokedBy == null ? null : revokedBy.toString(),
                    note, refreshExpiresAt, refreshRetiredAt, considered);
        }
    }
}
