package io.tokenledger.query.cache;

import io.tokenledger.events.client.ClientEvent;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.key.SigningKeyActivated;
import io.tokenledger.events.key.SigningKeyRetired;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Drops what this node's {@link IntrospectionCache} and {@link MetadataLookups} kept of a row that this node's command
 * changed, before the command answers: the listener hears the change too, but perhaps only after the client's next request. It runs with
 * the projections that commit with their events, and drops after the commit: a read before it could still find the
 * old row, and the cache would keep that.
 */
@Component
@ProcessingGroup(LocalCacheInvalidation.NAME)
public class LocalCacheInvalidation {

    public static final String NAME = "introspection-cache";

    private final IntrospectionCache cache;
    private final MetadataLookups metadata;

    LocalCacheInvalidation(IntrospectionCache cache, MetadataLookups metadata) {
        this.cache = cache;
        this.metadata = metadata;
    }

    @EventHandler
    void on(TokenRevoked e) {
        tokensChanged(List.of(e.tokenId()));
    }

    @EventHandler
    void on(GrantRevoked e) {
        tokensChanged(e.tokenIds());
    }

    /** The used refresh token retires, and on a retry the successor it replaces is revoked. */
    @EventHandler
    void on(RefreshTokenRotated e) {
        tokensChanged(Stream.of(e.fromTokenId(), e.supersededTokenId()).filter(Objects::nonNull).toList());
    }

    /** A new client's scopes are advertised; nobody kept a registration that did not exist. */
    @EventHandler
    void on(ClientRegistered e) {
        metadataChanged();
    }

    @EventHandler
    void on(ClientUpdated e) {
        clientChanged(e);
    }

    @EventHandler
    void on(ClientSecretRotated e) {
        clientChanged(e);
    }

    @EventHandler
    void on(ClientRetired e) {
        clientChanged(e);
    }

    @EventHandler
    void on(SigningKeyActivated e) {
        metadataChanged();
    }

    @EventHandler
    void on(SigningKeyRetired e) {
        metadataChanged();
    }

    private void tokensChanged(Collection<String> tokenIds) {
        CurrentUnitOfWork.get().root().afterCommit(unit -> cache.tokensChanged(tokenIds));
    }

    private void clientChanged(ClientEvent e) {
        CurrentUnitOfWork.get().root().afterCommit(unit -> {
            cache.clientChanged(e.clientId());
            metadata.forget();
        });
    }

    private void metadataChanged() {
        CurrentUnitOfWork.get().root().afterCommit(unit -> metadata.forget());
    }
}
