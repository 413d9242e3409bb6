package dev.thestack.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One X-Ray sampling rule (AWS::XRay::SamplingRule, format version 1). The matchers are glob patterns ({@code *},
 * {@code ?}); {@value #ANY} matches everything.
 *
 * @param name          rule name: at most 32 characters of letters, digits, '_' and '-'
 * @param priority      1 to 9999, unique; X-Ray evaluates the rules in ascending priority
 * @param fixedRate     share of matching requests sampled once the reservoir is used up, 0 to 1
 * @param reservoirSize matching requests sampled per second before the fixed rate applies, shared by all services
 * @param attributes    request (span) attributes the rule requires, at most 5
 * @param boostOnErrors adaptive sampling: how far X-Ray may raise the rate while it sees anomalies
 */
public record SamplingRule(String name, int priority, double fixedRate, int reservoirSize, String serviceName,
                           String serviceType, String host, String httpMethod, String urlPath, String resourceArn,
                           Map<String, String> attributes, Optional<SamplingBoost> boostOnErrors) {
    public static final String ANY = "*";

    public SamplingRule {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A rule whose service and request matchers are all {@value #ANY}. */
    public static SamplingRule matchingEverything(String name, int priority, double fixedRate, int reservoirSize,
                                                  Map<String, String> attributes, Optional<SamplingBoost> boost) {
        return new SamplingRule(name, priority, fixedRate, reservoirSize, ANY, ANY, ANY, ANY, ANY, ANY, attributes, boost);
    }
}
