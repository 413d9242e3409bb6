package dev.thestack.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * X-Ray in every workload account: sampling rules, groups and encryption (stack.yaml's {@code tracing:} section).
 *
 * @param kmsEncryption  X-Ray encrypts trace data with a customer-managed, rotating KMS key of the account
 * @param samplingRules  sampling rules, in the order stack.yaml lists them (X-Ray evaluates them by priority)
 * @param groups         groups: a filter expression each, with X-Ray Insights on or off
 */
public record Tracing(boolean kmsEncryption, List<SamplingRule> samplingRules, List<TraceGroup> groups) {
    /** The span attribute the rule for mutations matches; the instrumentation (the router) must set it at span start. */
    public static final String OPERATION_TYPE_ATTRIBUTE = "graphql.operation.type";
    /** The X-Ray annotation Powertools tracing adds with the function's POWERTOOLS_SERVICE_NAME. */
    public static final String SERVICE_ANNOTATION = "Service";

    public Tracing {
        samplingRules = List.copyOf(samplingRules);
        groups = List.copyOf(groups);
    }

    /** What a workload gets without a tracing section: see {@link #defaultRules()} and {@link #defaultGroups}. */
    public static Tracing defaults(List<ServiceOwner> services) {
        return new Tracing(true, defaultRules(), defaultGroups(services));
    }

    /**
     * Every mutation (a span that says it is one), 5 % of the rest with adaptive sampling allowed to boost it when
     * errors appear. What these can and cannot promise is in docs/research/xray.md.
     */
    public static List<SamplingRule> defaultRules() {
        return List.of(
                SamplingRule.matchingEverything("graphql-mutations", 10, 1.0, 1,
                        Map.of(OPERATION_TYPE_ATTRIBUTE, "mutation"), Optional.empty()),
                SamplingRule.matchingEverything("default-rest", 9000, 0.05, 1, Map.of(),
                        Optional.of(new SamplingBoost(1.0, 10))));
    }

    /**
     * Faults (5xx), errors (4xx), and one group per deployed service by the {@value #SERVICE_ANNOTATION} annotation.
     * No group per GraphQL operation by default: the handler's {@code operation} annotation carries the operation
     * name the client chose, which the model cannot know; declare those groups in stack.yaml.
     */
    public static List<TraceGroup> defaultGroups(List<ServiceOwner> services) {
        List<TraceGroup> groups = new ArrayList<>(List.of(
                new TraceGroup("faults", "fault = true", true, false),
                new TraceGroup("errors", "error = true", true, false)));
        services.forEach(s -> groups.add(new TraceGroup("service-" + s.service(),
                "annotation." + SERVICE_ANNOTATION + " = \"" + s.service() + "\"", true, false)));
        return groups;
    }
}
