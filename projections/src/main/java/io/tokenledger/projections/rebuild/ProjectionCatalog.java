package io.tokenledger.projections.rebuild;

import io.tokenledger.projections.audit.AuditLogProjection;
import io.tokenledger.projections.client.ClientProjection;
import io.tokenledger.projections.consent.ConsentProjection;
import io.tokenledger.projections.device.DeviceAuthorizationProjection;
import io.tokenledger.projections.grant.AuthorizationCodeProjection;
import io.tokenledger.projections.key.SigningKeyProjection;
import io.tokenledger.projections.logout.BackchannelLogoutProjection;
import io.tokenledger.projections.oidc.IdTokenProjection;
import io.tokenledger.projections.session.SessionGrantProjection;
import io.tokenledger.projections.session.SessionProjection;
import io.tokenledger.projections.token.TokenProjection;
import io.tokenledger.projections.user.UserProjection;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The read tables that can be rebuilt from the events. The seals and the hash chain are not among them: rebuilding
 * evidence from the thing it attests would prove nothing.
 */
@Component
public class ProjectionCatalog {

    /** The names of {@link #all()}, in its order, for those that must check a name before any bean exists. */
    public static final List<String> NAMES = List.of(ClientProjection.NAME, TokenProjection.NAME,
            AuthorizationCodeProjection.NAME, UserProjection.NAME, SessionProjection.NAME, SessionGrantProjection.NAME,
            SigningKeyProjection.NAME, IdTokenProjection.NAME, ConsentProjection.NAME,
            BackchannelLogoutProjection.NAME, DeviceAuthorizationProjection.NAME, AuditLogProjection.NAME);

    private final List<RebuildableProjection> projections;

    public ProjectionCatalog(ClientProjection clients, TokenProjection tokens, AuthorizationCodeProjection codes,
                             UserProjection users, SessionProjection sessions, SessionGrantProjection sessionGrants,
                             SigningKeyProjection keys, IdTokenProjection idTokens, ConsentProjection consents,
                             BackchannelLogoutProjection backchannelLogouts, DeviceAuthorizationProjection devices,
                             AuditLogProjection audit) {
        this.projections = List.of(
                new RebuildableProjection(ClientProjection.NAME, clients, "clients", "client_id"),
                new RebuildableProjection(TokenProjection.NAME, tokens, "tokens", "token_id", List.of("grant_id")),
                new RebuildableProjection(AuthorizationCodeProjection.NAME, codes, "authorization_codes", "code",
                        List.of("grant_id")),
                new RebuildableProjection(UserProjection.NAME, users, "users", "user_id"),
                new RebuildableProjection(SessionProjection.NAME, sessions, "sessions", "session_id"),
                new RebuildableProjection(SessionGrantProjection.NAME, sessionGrants, "session_grants", "grant_id"),
                new RebuildableProjection(SigningKeyProjection.NAME, keys, "signing_keys", "kid"),
                new RebuildableProjection(IdTokenProjection.NAME, idTokens, "id_tokens", "id_token_id"),
                new RebuildableProjection(ConsentProjection.NAME, consents, "consents", "consent_id"),
                new RebuildableProjection(BackchannelLogoutProjection.NAME, backchannelLogouts, "backchannel_logouts",
                        "logout_id"),
                new RebuildableProjection(DeviceAuthorizationProjection.NAME, devices, "device_authorizations",
                        "grant_id"),
                new RebuildableProjection(AuditLogProjection.NAME, audit, "audit_entry", "global_index"));
    }

    public List<RebuildableProjection> all() {
        return projections;
    }

    public Optional<RebuildableProjection> named(String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
