package io.tokenledger.projections;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when each processor last failed a batch (in a handler, or writing the batch before it commits), or the
 * chain its linking, then propagates a processor's failure as before: a pooled processor aborts the batch and retries it, so nothing is skipped, but
 * neither does it stay in an error state that health could see.
 */
public class ProcessorFailures {

    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();
    private final Clock clock;

    public ProcessorFailures(Clock clock) {
        this.clock = clock;
    }

    public ErrorHandler handlerFor(String processingGroup) {
        return (ErrorContext error) -> {
            failed(processingGroup);
            PropagatingErrorHandler.instance().handleError(error);
        };
    }

    /** Records that {@code name} failed now (a processor's batch, or the chain's linking). */
    public void failed(String name) {
        lastFailure.put(name, clock.instant());
    }

    /** The groups that failed at or after this instant. */
    public Map<String, Instant> since(Instant from) {
        Map<String, Instant> recent = new ConcurrentHashMap<>();
        lastFailure.forEach((group, at) -> {
            if (!at.isBefore(from)) {
                recent.put(group, at);
            }
        });
        return recent;
    }
}
