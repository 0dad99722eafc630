package io.tokenledger.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Defers a projection's writes to the end of the unit of work that delivers its events. A streaming processor
 * hands its handlers a batch of events in one unit of work and one transaction; writing them together costs one
 * round trip to the database instead of one or more per event (docs/performance.md). Outside a unit of work each
 * item is written at once.
 */
public final class Batched {

    private Batched() {
    }

    /**
     * Adds {@code item} to the batch named {@code key}; {@code flush} receives the whole batch, in the order the
     * items came, before the unit of work commits, inside its transaction.
     */
    public static <T> void add(String key, T item, Consumer<List<T>> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            flush.accept(List.of(item));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        root.<List<T>>getOrComputeResource(Batched.class.getName() + ":" + key, name -> {
            List<T> batch = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> flush.accept(batch));
            return batch;
        }).add(item);
    }
}
