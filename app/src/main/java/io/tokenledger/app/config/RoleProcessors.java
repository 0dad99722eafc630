package io.tokenledger.app.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On a command node, stops the streaming processors (audit log, hash chain): the query nodes run them, sharing
 * their segments through the token store. Subscribing processors run on every node, inside the commands.
 */
@Component
public class RoleProcessors {

    private static final Logger log = LoggerFactory.getLogger(RoleProcessors.class);

    private final LedgerProperties ledger;
    private final EventProcessingConfiguration processing;

    public RoleProcessors(LedgerProperties ledger, EventProcessingConfiguration processing) {
        this.ledger = ledger;
        this.processing = processing;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void applyRole() {
        log.info("this node serves the {} role", ledger.role().name().toLowerCase());
        if (!ledger.role().runsStreamingProjections()) {
            processing.eventProcessors().values().stream()
                      .filter(StreamingEventProcessor.class::isInstance)
                      .forEach(processor -> {
                          processor.shutDown();
                          log.info("stopped {}: query nodes run it", processor.getName());
                      });
        }
    }
}
