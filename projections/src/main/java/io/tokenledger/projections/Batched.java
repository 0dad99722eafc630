package io.tokenledger.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Defers a projection's writes to the end of the unit of work that delivers its events. A streaming processor or a
 * rebuild hands its handlers a batch of events in one unit of work and one transaction; writing them together costs
 * one round trip to the database instead of one or more per event (docs/performance.md). Outside a unit of work
 * each item is written at once.
 */
public final class Batched {

    private Batched() {
    }

    /**
     * Adds {@code item} to the batch named {@code key}; {@code flush} receives the whole batch, in the order the
     * items came, when the unit of work that delivers the event prepares to commit, inside its transaction. A
     * subscribing processor's unit of work is nested in the command's: its batch is written before the command's
     * transaction commits.
     */
    public static <T> void add(String key, T item, Consumer<List<T>> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            flush.accept(List.of(item));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.<List<T>>getOrComputeResource(Batched.class.getName() + ":" + key, name -> {
            List<T> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> flush.accept(batch));
            return batch;
        }).add(item);
    }

    /**
     * Adds one statement to the batch named {@code key}. The statements run in the order they came; consecutive
     * ones with the same SQL go to the database as one JDBC batch, so a handler's insert-then-update of one row keeps
     * its meaning.
     */
    public static void update(JdbcTemplate jdbc, String key, String sql, Object... args) {
        add(key, new Statement(sql, args), statements -> execute(jdbc, statements));
    }

    private static void execute(JdbcTemplate jdbc, List<Statement> statements) {
        int from = 0;
        while (from < statements.size()) {
            String sql = statements.get(from).sql();
            List<Object[]> run = new ArrayList<>();
            for (; from < statements.size() && statements.get(from).sql().equals(sql); from++) {
                run.add(statements.get(from).args());
            }
            jdbc.batchUpdate(sql, run);
        }
    }

    private record Statement(String sql, Object[] args) {
    }
}
