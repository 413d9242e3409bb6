package dev.thestack.governance;

import dev.thestack.model.ControlCatalog;
import dev.thestack.model.ControlSelection;
import dev.thestack.model.OrganizationalUnit;
import dev.thestack.model.StackConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which the model's controls are enabled: the CloudFormation-hooks prerequisite first, then the other
 * preventive and detective controls, then the proactive ones, in waves within Control Tower's concurrency limit.
 * The landing zone stack and the governance report both read it, so the report shows the deploy order exactly.
 */
public final class ControlPlan {
    /** One control on one OU. */
    public record Step(OrganizationalUnit ou, ControlSelection selection) {
        int order() {
            if (selection.name().equals(ControlCatalog.HOOKS_PREREQUISITE)) {
                return 0;
            }
            return selection.control().isProactive() ? 2 : 1;
        }

        /** A proactive control waits for the hooks prerequisite on its OU or an OU above it. */
        boolean waitsFor(Step earlier) {
            return selection.control().isProactive()
                    && earlier.selection().name().equals(ControlCatalog.HOOKS_PREREQUISITE)
                    && ou.isWithin(earlier.ou().path());
        }
    }

    private ControlPlan() {
    }

    public static List<List<Step>> waves(StackConfig config) {
        int limit = config.controlTower().map(t -> t.maxConcurrentControlOperations()).orElse(1);
        List<Step> steps = new ArrayList<>();
        for (OrganizationalUnit ou : OrganizationStructure.treeOrder(config.organizationalUnits())) {
            ou.controls().forEach(selection -> steps.add(new Step(ou, selection)));
        }
        steps.sort(Comparator.comparingInt(Step::order));
        return ControlWaves.plan(steps, limit, Step::waitsFor);
    }
}
