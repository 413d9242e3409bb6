package dev.thestack.model;

/**
 * X-Ray adaptive sampling on a rule (SamplingRateBoost).
 *
 * @param maxRate               the highest rate X-Ray may raise the rule to while it sees anomalies, 0 to 1
 * @param cooldownWindowMinutes at most one boost per window of this many minutes
 */
public record SamplingBoost(double maxRate, int cooldownWindowMinutes) {
}
