package io.tokenledger.app.cli;

import io.tokenledger.app.projection.RebuildRequests;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.projections.rebuild.RebuildProgress;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "rebuild", description = {"Rebuild read tables from the events, each beside the live one, and swap "
        + "it in; several in the order given (clients before tokens), one result line each.",
        "How far it has replayed goes to standard error every few seconds."})
final class RebuildCommand extends ServerContextCommand {

    @Parameters(paramLabel = "<projection>", arity = "1..*", description = "Any of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Projections.class)
    List<String> projections;

    @Override
    public Integer call() {
        for (String projection : projections) {
            if (!ProjectionCatalog.NAMES.contains(projection)) {
                throw new ParameterException(spec.commandLine(), "No rebuildable projection named " + projection
                        + "; one of " + String.join(", ", ProjectionCatalog.NAMES));
            }
        }
        return super.call();
    }

    @Mixin
    OperatorName operator;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        // One context for all of them: a JVM's start costs more than a small table's rebuild.
        for (String projection : projections) {
            if (rebuild(context, projection) != ExitCodes.OK) {
                return ExitCodes.FAILED;
            }
        }
        return ExitCodes.OK;
    }

    private int rebuild(ConfigurableApplicationContext context, String projection) throws Exception {
        context.getBean(RebuildRequests.class).record(projection, operator.actor());
        ProjectionRebuilder rebuilder = context.getBean(ProjectionRebuilder.class);
        RebuildProgress result;
        try (ProgressLines lines = new ProgressLines(() -> report(projection, rebuilder.progress().get(projection)))) {
            result = rebuilder.rebuild(context.getBean(ProjectionCatalog.class).named(projection).get());
        }
        err().printf("rebuild of %s: %s, %,d events at %,.0f events/s%n", projection, result.state(),
                result.eventsDone(), result.eventsPerSecond());
        print(context, result);
        return "done".equals(result.state()) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void report(String projection, RebuildProgress progress) {
        if (progress != null && "running".equals(progress.state())) {
            err().printf("rebuild of %s: %,d of %,d events (%,.0f events/s, %s s left)%n", projection,
                    progress.eventsDone(), progress.eventsTotal(), progress.eventsPerSecond(), progress.secondsLeft());
        }
    }

    static final class Projections extends ArrayList<String> {

        Projections() {
            super(ProjectionCatalog.NAMES);
        }
    }
}
