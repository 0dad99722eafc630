package io.tokenledger.app.registration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import io.tokenledger.app.client.Clients;
import io.tokenledger.app.config.ClientIdMetadataDocumentProperties;
import io.tokenledger.app.fetch.FetchProperties;
import io.tokenledger.app.fetch.FetchRefused;
import io.tokenledger.app.fetch.RemoteDocuments;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.PublicClientLimit;
import io.tokenledger.events.Actor;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import net.minidev.json.JSONObject;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Clients named by the URL of their metadata document (client ID metadata documents, as the MCP authorization
 * specification uses them), when {@code LEDGER_CLIENT_ID_METADATA_DOCUMENTS} is on. An authorization request naming
 * such a client fetches the document (under {@link RemoteDocuments}' limits, at most once per cache time per node),
 * checks it as a registration would be, and registers the client in the ledger ({@code ClientRegistered}, actor
 * {@code system:client-id-metadata-document}); a later fetch that finds it changed records {@code ClientUpdated}. So
 * every such client, and what its document said when, is in the ledger like any other, and tokens and codes refer to
 * it as to any other.
 *
 * <p>What no administrator vouched for is held short: a public or {@code private_key_jwt} client of the code flow
 * only, never first-party (its users are asked to consent), no back-channel logout URI (the server would post to
 * wherever it named), its scopes cut to {@code LEDGER_CLIENT_ID_METADATA_DOCUMENT_SCOPES}; each fetch counts against
 * the caller's address. A retired one stays refused.
 */
@Component
public class ClientIdMetadataDocuments implements Clients {

    private static final Actor FETCHER = Actor.system("client-id-metadata-document");
    private static final Set<String> FLOW = Set.of(GrantType.AUTHORIZATION_CODE.getValue(),
            GrantType.REFRESH_TOKEN.getValue());
    /** What an administrator alone may say of a client: ignored in a document. */
    private static final List<String> ADMINISTRATORS_FIELDS = List.of(ClientMetadataPolicy.FIRST_PARTY,
            TokenExchangeMetadata.AUDIENCES, TokenExchangeMetadata.REVOKED_WITH_SUBJECT,
            ClientMetadataPolicy.BACKCHANNEL_LOGOUT_URI, ClientMetadataPolicy.BACKCHANNEL_LOGOUT_SESSION_REQUIRED);
    private static final int MAX_CLIENT_ID = 255;

    private final ClientIdMetadataDocumentProperties settings;
    private final RemoteDocuments documents;
    private final ClientLookup clients;
    private final ClientRegistrar registrar;
    private final PublicClientLimit limit;
    private final Clock clock;
    /** Per document URL: empty when it was recorded, else why it is refused; each kept for the cache time. */
    private final Cache<String, Optional<String>> checked;

    public ClientIdMetadataDocuments(ClientIdMetadataDocumentProperties settings, RemoteDocuments documents,
                                     FetchProperties fetching, ClientLookup clients, ClientRegistrar registrar,
                                     PublicClientLimit limit, Clock clock) {
        this.settings = settings;
        this.documents = documents;
        this.clients = clients;
        this.registrar = registrar;
        this.limit = limit;
        this.clock = clock;
        this.checked = Caffeine.newBuilder().expireAfterWrite(fetching.cacheTtl()).maximumSize(10_000).build();
    }

    private boolean enabled() {
        return settings.clientIdMetadataDocuments();
    }

    /**
     * The client with this id: a registered one, or, for a URL when documents are on, the one its document describes,
     * registered or brought up to date first.
     *
     * @throws OAuth2Exception {@code invalid_client} when the id is a document URL whose document is refused
     */
    @Override
    public Optional<ClientRegistration> find(String clientId) {
        if (!enabled() || clientId == null || !clientId.startsWith("http")) {
            return clients.find(clientId);
        }
        Optional<String> refusal = checked.get(clientId, this::fetchAndRecord);
        if (refusal.isPresent()) {
            throw refused(refusal.get());
        }
        return clients.find(clientId);
    }

    private Optional<String> fetchAndRecord(String clientId) {
        limit.charge("client-id-document", address());
        try {
            return record(clientId, valid(clientId, JSONObjectUtils.parse(new String(
                    documents.fetch(documentUrl(clientId), "application/json"), StandardCharsets.UTF_8))));
        } catch (FetchRefused e) {
            return Optional.of(e.getMessage());
        } catch (ParseException e) {
            return Optional.of("the document is not a JSON object");
        } catch (OAuth2Exception e) {
            return Optional.of(e.error().getDescription());
        } catch (IllegalArgumentException e) {
            return Optional.of("the document does not parse as client metadata");
        }
    }

    private Optional<String> record(String clientId, ClientMetadataPolicy.ValidMetadata metadata) {
        Optional<ClientRegistration> existing = clients.find(clientId);
        if (existing.isEmpty()) {
            register(clientId, metadata);
        } else if (!existing.get().active()) {
            return Optional.of("the client was retired");
        } else if (!metadata.sameCredentialAs(existing.get())) {
            return Optional.of("the document changes how the client authenticates; that needs a client_id of its own");
        } else if (!ClientMetadataPolicy.ValidMetadata.of(existing.get()).equals(metadata)) {
            registrar.updateMetadata(clientId, metadata, clock.instant(), FETCHER);
        }
        return Optional.empty();
    }

    /** Two nodes' first requests at once both try; the one that loses finds the other's registration. */
    private void register(String clientId, ClientMetadataPolicy.ValidMetadata metadata) {
        try {
            registrar.record(clientId, metadata, null, null, clock.instant(), FETCHER);
        } catch (RuntimeException e) {
            if (clients.find(clientId).isEmpty()) {
                throw e;
            }
        }
    }

    private static String address() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr() : "no request";
    }

    /** The draft's rules for the URL: https (http only on a loopback IP, for development), a path, nothing else. */
    private static URI documentUrl(String clientId) {
        try {
            URI uri = new URI(clientId);
            boolean dotSegments = uri.getRawPath() != null && (uri.getRawPath().contains("/./")
                    || uri.getRawPath().contains("/../") || uri.getRawPath().endsWith("/.")
                    || uri.getRawPath().endsWith("/.."));
            if (clientId.length() > MAX_CLIENT_ID || !ClientMetadataPolicy.acceptableRedirect(clientId)
                || uri.getRawPath() == null || uri.getRawPath().length() <= 1 || uri.getRawQuery() != null
                || dotSegments) {
                throw ClientMetadataPolicy.invalid("a client_id URL is https (http only on a loopback IP), with a "
                        + "path, no query, fragment or dot segments, at most " + MAX_CLIENT_ID + " characters");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ClientMetadataPolicy.invalid("the client_id is not a URL");
        }
    }

    private ClientMetadataPolicy.ValidMetadata valid(String clientId, JSONObject json) throws ParseException {
        if (!clientId.equals(json.get("client_id"))) {
            throw ClientMetadataPolicy.invalid("the document's client_id is not its own URL");
        }
        if (json.containsKey("client_secret")) {
            throw ClientMetadataPolicy.invalid("a metadata document holds no client_secret");
        }
        ADMINISTRATORS_FIELDS.forEach(json::remove);
        ClientMetadataPolicy.checkRedirectUriText(json);
        ClientMetadataPolicy.ValidMetadata valid = ClientMetadataPolicy.validate(ClientMetadata.parse(json),
                clientId);
        if (valid.holdsSecret() || !FLOW.containsAll(valid.grantTypes())) {
            throw ClientMetadataPolicy.invalid("a client named by its metadata document uses the code flow, as a "
                    + "public client (none) or with private_key_jwt");
        }
        return valid.withScopes(valid.scopes().stream().filter(settings.clientIdMetadataDocumentScopes()::contains)
                                     .toList());
    }

    private static OAuth2Exception refused(String why) {
        return new OAuth2Exception(OAuth2Error.INVALID_CLIENT
                .setDescription("the client's metadata document is refused: " + why));
    }
}
