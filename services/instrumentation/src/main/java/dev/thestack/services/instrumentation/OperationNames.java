package dev.thestack.services.instrumentation;

import dev.thestack.services.contract.MetricContract;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Operation dimension's values of one execution environment: clients choose operation names, and each
 * distinct value is a CloudWatch metric of its own that is paid for, so only the first
 * {@value MetricContract#MAX_OPERATION_NAMES} names are emitted as they are and every later one as
 * {@value MetricContract#OTHER_OPERATIONS}.
 */
final class OperationNames {
    private final int capacity;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    OperationNames(int capacity) {
        this.capacity = capacity;
    }

    String bounded(String name) {
        if (MetricContract.ANONYMOUS_OPERATION.equals(name) || admitted.contains(name)) {
            return name;
        }
        // concurrent callers may overshoot by a name or two, which costs a metric, not correctness
        if (admitted.size() < capacity) {
            admitted.add(name);
            return name;
        }
        return MetricContract.OTHER_OPERATIONS;
    }
}
