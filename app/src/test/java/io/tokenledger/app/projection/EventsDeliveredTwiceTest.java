package io.tokenledger.app.projection;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import io.tokenledger.app.support.BackchannelEndpoint;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DeviceClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.RelyingParty;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.RebuildableProjection;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every projection is idempotent: delivering the whole ledger to it a second time, as a processor does after a crash
 * between writing and storing its position, leaves every table exactly as it was.
 */
class EventsDeliveredTwiceTest extends CodeFlowTestBase {

    @Autowired
    private ProjectionCatalog catalog;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlatformTransactionManager transactions;

    /**
     * Every kind of event: clients registered, updated, rotated and retired; users; codes; rotations; revocations;
     * sign-in sessions and ID tokens; consents; a back-channel logout.
     */
    @BeforeAll
    void everyKindOfEvent() throws InterruptedException {
        String admin = adminToken();
        ClientInformation billing = ledger.register(admin, "read");
        var auth = LedgerClient.basic(billing);
        ledger.revoke(auth, ledger.accessToken(auth, "read"));
        String registration = "/oauth2/register/" + billing.getID().getValue();
        assertThat(ledger.manage(admin, "PUT", registration, """
                {"client_name":"Billing v2","grant_types":["client_credentials"],"scope":"read"}""").statusCode())
                .isEqualTo(200);
        assertThat(ledger.manage(admin, "POST", registration + "/secret", null).statusCode()).isEqualTo(200);
        assertThat(ledger.retire(admin, billing)).isEqualTo(204);

        everyWayOfTheCodeFlow();
        ClientInformation signIn = ledger.registerCodeClient(admin, "openid");
        new RelyingParty(ledger, signIn, LedgerClient.basic(signIn)).signIn(USER, PASSWORD, "openid", null);
        aBackchannelLogoutDelivered(admin);
        aDeviceApprovedAndAnotherDenied(admin);
        awaitAuditLogCaughtUp();
    }

    /** RFC 8628: requested, approved and redeemed; requested and denied. */
    private void aDeviceApprovedAndAnotherDenied(String admin) {
        DeviceClient tv = DeviceClient.register(ledger, admin);
        DeviceAuthorizationSuccessResponse approved = tv.request("read");
        DeviceClient.answer(new Browser(), approved, USER, PASSWORD, "allow");
        success(tv.poll(approved));
        DeviceClient.answer(new Browser(), tv.request("read"), USER, PASSWORD, "deny");
    }

    /** A client told of a logout, its one attempt answered 200. */
    private void aBackchannelLogoutDelivered(String admin) throws InterruptedException {
        try (BackchannelEndpoint endpoint = new BackchannelEndpoint()) {
            ClientInformation client = LedgerClient.clientInformation(ledger.registerJson(admin, """
                    {"grant_types":["authorization_code"],"redirect_uris":["%s"],"scope":"openid",
                     "first_party":true,"backchannel_logout_uri":"%s"}""".formatted(CodeFlowClient.REDIRECT_URI,
                    endpoint.uri())));
            JWT idToken = new RelyingParty(ledger, client, LedgerClient.basic(client))
                    .signIn(USER, PASSWORD, "openid", null).getIDToken();
            new Browser().get(new LogoutRequest(ledger.uri("/oauth2/logout"), idToken).toURI());
            Instant deadline = Instant.now().plusSeconds(20);
            while (jdbc.queryForObject("SELECT count(*) FROM backchannel_logouts WHERE status = 'delivered'",
                    Long.class) == 0) {
                assertThat(Instant.now()).as("a back-channel logout delivered within 20 s").isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void deliveringEveryEventAgainChangesNoProjection() throws Exception {
        List<TrackedEventMessage<?>> ledgerEvents = theWholeLedger();
        assertThat((long) ledgerEvents.size()).as("the whole ledger")
                .isEqualTo(allEvents());
        for (RebuildableProjection projection : catalog.all()) {
            List<String> before = rows(projection);
            assertThat(before).as(projection.table()).isNotEmpty();

            deliver(projection, ledgerEvents);

            assertThat(rows(projection)).as(projection.table()).isEqualTo(before);
        }
    }

    /** Each row as JSON text, so that arrays compare by value. */
    private List<String> rows(RebuildableProjection projection) {
        return jdbc.queryForList("SELECT to_jsonb(t)::text FROM " + projection.table() + " t ORDER BY t."
                + projection.key(), String.class);
    }

    private List<TrackedEventMessage<?>> theWholeLedger() throws Exception {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        }
        return events;
    }

    /** As a processor delivers: one unit of work for the batch, in a transaction. */
    private void deliver(RebuildableProjection projection, List<TrackedEventMessage<?>> events) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection.handler());
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            var result = new BatchingUnitOfWork<>(events).executeWithResult(() -> {
                var event = (TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage();
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
                return null;
            });
            assertThat(result.isExceptional()).as(String.valueOf(result.optionalExceptionResult())).isFalse();
        });
    }
}
