package io.tokenledger.app.config;

import io.tokenledger.events.PublishedLanguage;
import io.tokenledger.events.upcasting.PublishedLanguageUpcasters;
import io.tokenledger.projections.ProcessorFailures;
import io.tokenledger.projections.RevocationCommit;
import io.tokenledger.projections.audit.AuditLogProjection;
import io.tokenledger.projections.client.ClientProjection;
import io.tokenledger.projections.consent.ConsentProjection;
import io.tokenledger.projections.device.DeviceAuthorizationProjection;
import io.tokenledger.projections.grant.AuthorizationCodeProjection;
import io.tokenledger.projections.integrity.sealing.BeforeSealing;
import io.tokenledger.projections.integrity.sealing.BoundedReads;
import io.tokenledger.projections.integrity.sealing.EventTable;
import io.tokenledger.projections.integrity.sealing.SealingAppender;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.SnapshotFreeStorageEngine;
import io.tokenledger.projections.key.SigningKeyProjection;
import io.tokenledger.projections.logout.BackchannelLogoutProjection;
import io.tokenledger.projections.oidc.IdTokenProjection;
import io.tokenledger.projections.session.SessionGrantProjection;
import io.tokenledger.projections.session.SessionProjection;
import io.tokenledger.projections.metrics.LedgerMetrics;
import io.tokenledger.projections.token.TokenProjection;
import io.tokenledger.projections.user.UserProjection;
import io.tokenledger.query.cache.LocalCacheInvalidation;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Axon on PostgreSQL: snake_case tables created by Flyway, and no silently skipped projection updates. */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    @Bean
    public EventSchema eventSchema() {
        return EventTable.schema();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                          .setTokenTable("token_entry")
                          .setProcessorNameColumn("processor_name")
                          .setSegmentColumn("segment")
                          .setTokenColumn("token")
                          .setTokenTypeColumn("token_type")
                          .setTimestampColumn("timestamp")
                          .setOwnerColumn("owner")
                          .build();
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, with the gap settings this ledger's guarantee rests
     * on stated rather than defaulted. A position taken by a transaction that has not committed yet is a gap; a
     * processor gives up on it once a later event is older than {@link #GAP_TIMEOUT}, or once it lies more than
     * {@link #MAX_GAP_OFFSET} positions behind. Migration V7 refuses at commit any transaction that appends events
     * and started more than 20 s before, so neither can happen to an event that commits: 20 s stays under a third
     * of the timeout, and a million positions is more than this ledger appends in 20 s. Its insert seals each event
     * into its own row ({@link SealingAppender}).
     */
    public static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_GAP_OFFSET = 1_000_000;
    /**
     * Events read from the store per query by the streaming processors and by rebuilds (Axon's default is 100): a
     * rebuild of a million events made ten thousand queries, each a round trip the replay waited for.
     */
    public static final int FETCH_SIZE = 1000;

    /** The subscribing processor of the projections that commit with their events. */
    public static final String INLINE_PROCESSOR = "inline";
    private static final List<String> INLINE_GROUPS = List.of(TokenProjection.NAME, ClientProjection.NAME,
            UserProjection.NAME, AuthorizationCodeProjection.NAME, LedgerMetrics.NAME, LocalCacheInvalidation.NAME,
            RevocationCommit.NAME, SigningKeyProjection.NAME, SessionProjection.NAME, SessionGrantProjection.NAME,
            IdTokenProjection.NAME, ConsentProjection.NAME, BackchannelLogoutProjection.NAME,
            DeviceAuthorizationProjection.NAME);

    /** The published language's own serializer (events module), so that what is stored is what its tests pin. */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return PublishedLanguage.serializer();
    }

    /**
     * The published language's upcasters: stored events of older revisions read as today's, their rows untouched
     * (seals and chain stay valid). Axon registers every upcaster bean into the chain the store reads through.
     */
    @Bean
    public EventUpcaster publishedLanguageUpcasters() {
        return PublishedLanguageUpcasters.chain();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema schema,
                                                 Seals seals, BeforeSealing beforeSealing) {
        return SnapshotFreeStorageEngine.of(BoundedReads.apply(JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .eventSerializer(eventSerializer)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(schema)
                                     .gapTimeout((int) GAP_TIMEOUT.toMillis())
                                     .maxGapOffset(MAX_GAP_OFFSET)
                                     .batchSize(FETCH_SIZE)
                                     .appendEvents(new SealingAppender(seals, beforeSealing))));
    }

    /**
     * Axon's event store as its auto-configuration builds it, but with the tail of the ledger it keeps in memory for
     * the streaming processors sized by {@code ledger.event-cache-size}: Axon's 10,000 events are ~20 MB of a ~70 MB
     * live heap. A processor further behind than the cache reads the table itself, as it does at start-up.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         @Value("${ledger.event-cache-size}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .cachedEvents(cachedEvents)
                                 .build();
    }

    /**
     * Segment claims in {@code token_entry} name their owner. Axon's default is the JVM's name, which is unique per
     * machine; {@code LEDGER_NODE_ID} names a node explicitly (for operators, and for several nodes in one JVM).
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                                 @Value("${ledger.node-id:}") String nodeId) {
        JdbcTokenStore.Builder store = JdbcTokenStore.builder()
                                                     .connectionProvider(connections)
                                                     .serializer(serializer)
                                                     .schema(schema)
                                                     .claimTimeout(Duration.ofSeconds(10));
        if (!nodeId.isBlank()) {
            store.nodeId(nodeId);
        }
        return store.build();
    }

    /**
     * Axon's default resolver matches vendor error codes, which PostgreSQL leaves at 0, so a lost race on an
     * aggregate's sequence surfaced as a generic store failure. SQLSTATE 23505 (unique_violation) makes it the
     * ConcurrencyException it is.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Axon's default logs a failing event handler and carries on. For the projections that commit with the
     * event that would acknowledge a change whose read row is missing; propagating rolls the whole command
     * back instead, and makes streaming processors retry rather than skip.
     */
    @Bean
    public ConfigurerModule propagateHandlerErrors(ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                                       .registerErrorHandler(AuditLogProjection.NAME,
                                               c -> failures.handlerFor(AuditLogProjection.NAME));
    }

    /**
     * The projections that commit with their events share one subscribing processor. Each processor wraps every
     * event in a unit of work, a transaction scope, a tracing span and its monitors; six of them per event cost
     * about a sixth of an issuance's CPU for handlers that mostly ignore it (docs/performance.md). They stay
     * processing groups of their own, so status and rebuilds still name them.
     */
    @Bean
    public ConfigurerModule inlineProjections() {
        return configurer -> INLINE_GROUPS.forEach(
                group -> configurer.eventProcessing().assignProcessingGroup(group, INLINE_PROCESSOR));
    }

    /** Failures of the streaming processors, for health: they retry rather than stay in an error state. */
    @Bean
    public ProcessorFailures processorFailures(Clock clock) {
        return new ProcessorFailures(clock);
    }
}
